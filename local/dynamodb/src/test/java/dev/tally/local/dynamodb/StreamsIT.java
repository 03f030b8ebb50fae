package dev.tally.local.dynamodb;

import static dev.tally.local.dynamodb.LocalClients.item;
import static dev.tally.local.dynamodb.LocalClients.n;
import static dev.tally.local.dynamodb.LocalClients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class StreamsIT {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    static EmbeddedDynamoDb server;
    static DynamoDbClient client;
    static DynamoDbStreamsClient streams;

    @BeforeAll
    static void setUp() {
        server = EmbeddedDynamoDb.builder()
                .clock(CLOCK)
                .sweepInterval(Duration.ofHours(1))
                .start();
        client = LocalClients.dynamoDb(server.endpoint());
        streams = LocalClients.streams(server.endpoint());
    }

    @AfterAll
    static void tearDown() {
        client.close();
        streams.close();
        server.close();
    }

    private static String streamArn(String table) {
        return client.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    }

    private static Shard shard(String arn) {
        return streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()
                .get(0);
    }

    private static List<Record> readAll(String table) {
        String arn = streamArn(table);
        String iterator = streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(shard(arn).shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        return streams.getRecords(r -> r.shardIterator(iterator)).records();
    }

    @Test
    void records_haveAwsShape_andOnlyRealChangesAreRecorded() {
        LocalClients.createTable(client, "shape", ScalarAttributeType.N, StreamViewType.NEW_AND_OLD_IMAGES);
        client.putItem(r -> r.tableName("shape").item(item("pk", s("a"), "sk", n("1"), "v", s("x"))));
        client.putItem(r -> r.tableName("shape").item(item("pk", s("a"), "sk", n("1"), "v", s("x"))));
        client.updateItem(r -> r.tableName("shape")
                .key(item("pk", s("a"), "sk", n("1")))
                .updateExpression("SET v = :x")
                .expressionAttributeValues(Map.of(":x", s("x"))));
        client.deleteItem(r -> r.tableName("shape").key(item("pk", s("nobody"), "sk", n("1"))));
        client.updateItem(r -> r.tableName("shape")
                .key(item("pk", s("a"), "sk", n("1")))
                .updateExpression("SET v = :y")
                .expressionAttributeValues(Map.of(":y", s("y"))));
        client.deleteItem(r -> r.tableName("shape").key(item("pk", s("a"), "sk", n("1"))));

        List<Record> records = readAll("shape");

        assertThat(records)
                .extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        Record modify = records.get(1);
        assertThat(modify.eventVersion()).isEqualTo("1.1");
        assertThat(modify.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(modify.awsRegion()).isEqualTo("us-east-1");
        assertThat(modify.eventID()).isNotBlank();
        assertThat(modify.userIdentity()).isNull();
        assertThat(modify.dynamodb().keys()).containsOnlyKeys("pk", "sk");
        assertThat(modify.dynamodb().oldImage()).containsEntry("v", s("x"));
        assertThat(modify.dynamodb().newImage()).containsEntry("v", s("y"));
        assertThat(modify.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(modify.dynamodb().sizeBytes()).isPositive();
        assertThat(modify.dynamodb().approximateCreationDateTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(records)
                .extracting(r -> r.dynamodb().sequenceNumber())
                .allSatisfy(sequence -> assertThat(sequence).matches("\\d{21}"))
                .isSortedAccordingTo((a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)));
        assertThat(records.get(2).dynamodb().newImage()).isEmpty();
        assertThat(records.get(2).dynamodb().oldImage()).containsEntry("v", s("y"));

        String arn = streamArn("shape");
        assertThat(arn)
                .matches(
                        "arn:aws:dynamodb:us-east-1:000000000000:table/shape/stream/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
        assertThat(shard(arn).shardId()).matches("shardId-\\d{20}-[0-9a-f]{8}");
    }

    @Test
    void viewTypes_controlImages() {
        for (StreamViewType view :
                List.of(StreamViewType.KEYS_ONLY, StreamViewType.NEW_IMAGE, StreamViewType.OLD_IMAGE)) {
            String table = "view_" + view;
            LocalClients.createTable(client, table, null, view);
            client.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n("1"))));
            client.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n("2"))));
            Record modify = readAll(table).get(1);
            assertThat(modify.dynamodb().streamViewType()).isEqualTo(view);
            assertThat(modify.dynamodb().hasNewImage()).isEqualTo(view == StreamViewType.NEW_IMAGE);
            assertThat(modify.dynamodb().hasOldImage()).isEqualTo(view == StreamViewType.OLD_IMAGE);
            assertThat(modify.dynamodb().keys()).containsOnlyKeys("pk");
        }
    }

    @Test
    void transaction_recordsEveryWrite() {
        LocalClients.createTable(client, "txn", null, StreamViewType.NEW_IMAGE);
        client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder()
                        .put(p -> p.tableName("txn").item(item("pk", s("a"))))
                        .build(),
                TransactWriteItem.builder()
                        .put(p -> p.tableName("txn").item(item("pk", s("b"))))
                        .build(),
                TransactWriteItem.builder()
                        .update(u -> u.tableName("txn")
                                .key(item("pk", s("c")))
                                .updateExpression("SET v = :v")
                                .expressionAttributeValues(Map.of(":v", n("1"))))
                        .build()));

        assertThat(readAll("txn"))
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("a", "b", "c");
    }

    @Test
    void iteratorTypes_latestAtAndAfterSequenceNumber() {
        LocalClients.createTable(client, "iter", null, StreamViewType.KEYS_ONLY);
        client.putItem(r -> r.tableName("iter").item(item("pk", s("one"))));
        String arn = streamArn("iter");
        String shardId = shard(arn).shardId();
        String latest = streams.getShardIterator(
                        r -> r.streamArn(arn).shardId(shardId).shardIteratorType(ShardIteratorType.LATEST))
                .shardIterator();
        client.putItem(r -> r.tableName("iter").item(item("pk", s("two"))));
        client.putItem(r -> r.tableName("iter").item(item("pk", s("three"))));

        var fromLatest = streams.getRecords(r -> r.shardIterator(latest));
        assertThat(fromLatest.records())
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("two", "three");
        String second = fromLatest.records().get(0).dynamodb().sequenceNumber();
        String at = streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .sequenceNumber(second))
                .shardIterator();
        String after = streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(second))
                .shardIterator();
        assertThat(streams.getRecords(r -> r.shardIterator(at)).records()).hasSize(2);
        assertThat(streams.getRecords(r -> r.shardIterator(after)).records())
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("three");

        var empty = streams.getRecords(r -> r.shardIterator(fromLatest.nextShardIterator()));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).isNotNull();
    }

    @Test
    void disabledStream_closesShard_andReadingEnds() {
        LocalClients.createTable(client, "closing", null, StreamViewType.KEYS_ONLY);
        client.putItem(r -> r.tableName("closing").item(item("pk", s("a"))));
        String arn = streamArn("closing");
        client.updateTable(r -> r.tableName("closing").streamSpecification(s -> s.streamEnabled(false)));
        client.putItem(r -> r.tableName("closing").item(item("pk", s("b"))));

        StreamDescription description =
                streams.describeStream(r -> r.streamArn(arn)).streamDescription();
        assertThat(description.streamStatusAsString()).isEqualTo("DISABLED");
        assertThat(description.shards().get(0).sequenceNumberRange().endingSequenceNumber())
                .isNotNull();
        String iterator = streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(description.shards().get(0).shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        var result = streams.getRecords(r -> r.shardIterator(iterator));
        assertThat(result.records()).hasSize(1);
        assertThat(result.nextShardIterator()).isNull();
        assertThat(streams.listStreams(r -> r.tableName("closing")).streams()).hasSize(1);
    }

    @Test
    void timeToLive_deletesExpiredItems_withServiceIdentity_thenRetentionTrims() {
        LocalClients.createTable(client, "expiring", null, StreamViewType.NEW_AND_OLD_IMAGES);
        client.updateTimeToLive(r -> r.tableName("expiring")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        long now = CLOCK.instant().getEpochSecond();
        client.putItem(r ->
                r.tableName("expiring").item(item("pk", s("old"), "expiresAt", n(Long.toString(now - 10)))));
        client.putItem(r ->
                r.tableName("expiring").item(item("pk", s("new"), "expiresAt", n(Long.toString(now + 3600)))));
        client.putItem(r -> r.tableName("expiring").item(item("pk", s("text"), "expiresAt", s("0"))));
        String arn = streamArn("expiring");
        String shardId = shard(arn).shardId();
        String firstSequence = readAll("expiring").get(0).dynamodb().sequenceNumber();
        String iterator = streams.getShardIterator(
                        r -> r.streamArn(arn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        assertThat(server.sweepExpiredItems()).isEqualTo(1);

        List<Record> records = readAll("expiring");
        Record removal = records.get(records.size() - 1);
        assertThat(removal.eventName()).isEqualTo(OperationType.REMOVE);
        assertThat(removal.dynamodb().keys().get("pk").s()).isEqualTo("old");
        assertThat(removal.userIdentity().type()).isEqualTo("Service");
        assertThat(removal.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(client.getItem(r -> r.tableName("expiring").key(item("pk", s("text"))))
                        .hasItem())
                .isTrue();

        CLOCK.advance(Duration.ofMinutes(16));
        assertThatThrownBy(() -> streams.getRecords(r -> r.shardIterator(iterator)))
                .isInstanceOf(ExpiredIteratorException.class);

        CLOCK.advance(Duration.ofHours(25));
        server.sweepExpiredItems();
        assertThat(readAll("expiring"))
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("new");
        assertThatThrownBy(() -> streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .sequenceNumber(firstSequence)))
                .isInstanceOf(TrimmedDataAccessException.class);
    }
}
