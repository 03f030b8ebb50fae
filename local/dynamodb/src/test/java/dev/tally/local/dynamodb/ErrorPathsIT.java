package dev.tally.local.dynamodb;

import static dev.tally.local.dynamodb.LocalClients.item;
import static dev.tally.local.dynamodb.LocalClients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Limits and malformed requests answer AWS's error types with messages that say what was wrong. */
class ErrorPathsIT {

    @RegisterExtension
    static DynamoDbExtension ddb = DynamoDbExtension.create();

    static DynamoDbClient client;
    static DynamoDbStreamsClient streams;

    @BeforeAll
    static void setUp() {
        client = LocalClients.dynamoDb(ddb.endpoint());
        streams = LocalClients.streams(ddb.endpoint());
        LocalClients.createTable(client, "limits", null, StreamViewType.KEYS_ONLY);
    }

    @AfterAll
    static void tearDown() {
        client.close();
        streams.close();
    }

    @Test
    void batchGet_over100Keys_isRejected() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(item("pk", s("k" + i)));
        }
        assertThatThrownBy(() -> client.batchGetItem(r -> r.requestItems(
                        Map.of("limits", KeysAndAttributes.builder().keys(keys).build()))))
                .hasMessageContaining("Too many items requested for the BatchGetItem call");
    }

    @Test
    void batchWrite_over25Writes_isRejected() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            writes.add(WriteRequest.builder()
                    .putRequest(
                            PutRequest.builder().item(item("pk", s("w" + i))).build())
                    .build());
        }
        assertThatThrownBy(() -> client.batchWriteItem(r -> r.requestItems(Map.of("limits", writes))))
                .hasMessageContaining("Member must have length less than or equal to 25");
        assertThat(client.getItem(r -> r.tableName("limits").key(item("pk", s("w0"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void transactWrite_over100Actions_isRejected() {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            String pk = "t" + i;
            actions.add(TransactWriteItem.builder()
                    .put(p -> p.tableName("limits").item(item("pk", s(pk))))
                    .build());
        }
        assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(actions)))
                .hasMessageContaining("Member must have length less than or equal to 100");
    }

    @Test
    void transactWrite_missingTable_isResourceNotFound() {
        assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName("nowhere").item(item("pk", s("x"))))
                        .build())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void streams_unknownArnAndShard_areResourceNotFound() {
        String arn = client.describeTable(r -> r.tableName("limits")).table().latestStreamArn();
        assertThatThrownBy(() -> streams.describeStream(r -> r.streamArn(arn + "x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId("shardId-00000000000000000000-00000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Shard does not exist");
    }

    @Test
    void streams_badIteratorsAndSequenceNumbers_areValidationErrors() {
        String arn = client.describeTable(r -> r.tableName("limits")).table().latestStreamArn();
        String shardId = streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        assertThatThrownBy(() -> streams.getRecords(r -> r.shardIterator("not-an-iterator")))
                .hasMessageContaining("Invalid ShardIterator");
        assertThatThrownBy(() -> streams.getShardIterator(
                        r -> r.streamArn(arn).shardId(shardId).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)))
                .hasMessageContaining("Must specify a SequenceNumber");
        assertThatThrownBy(() -> streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber("999999999999999999999")))
                .hasMessageContaining("Invalid SequenceNumber");
    }

    @Test
    void listStreams_paginates() {
        LocalClients.createTable(client, "limits2", null, StreamViewType.NEW_IMAGE);
        var first = streams.listStreams(r -> r.limit(1));
        assertThat(first.streams()).hasSize(1);
        assertThat(first.lastEvaluatedStreamArn())
                .isEqualTo(first.streams().get(0).streamArn());
        var second = streams.listStreams(r -> r.limit(1).exclusiveStartStreamArn(first.lastEvaluatedStreamArn()));
        assertThat(second.streams()).hasSize(1);
        assertThat(second.streams().get(0).streamArn())
                .isNotEqualTo(first.streams().get(0).streamArn());
    }
}
