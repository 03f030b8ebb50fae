package dev.tally.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

class OptimisticPutTest {

    private static final Map<String, AttributeValue> ITEM =
            Map.of("id", AttributeValue.fromS("a"), "version", AttributeValue.fromN("3"));

    private final DynamoDbClient client = mock(DynamoDbClient.class);

    @Test
    void request_whenNothingWasRead_requiresThatNoItemHasTheKey() {
        PutItemRequest request = OptimisticPut.request("table", ITEM, "id", "version", 0);

        assertThat(request.tableName()).isEqualTo("table");
        assertThat(request.item()).isEqualTo(ITEM);
        assertThat(request.conditionExpression()).isEqualTo("attribute_not_exists(id)");
        assertThat(request.hasExpressionAttributeNames()).isFalse();
        assertThat(request.hasExpressionAttributeValues()).isFalse();
    }

    @Test
    void request_whenACounterWasRead_requiresItStill() {
        PutItemRequest request = OptimisticPut.request("table", ITEM, "id", "version", 2);

        assertThat(request.conditionExpression()).isEqualTo("#version = :expected");
        assertThat(request.expressionAttributeNames()).containsExactly(Map.entry("#version", "version"));
        assertThat(request.expressionAttributeValues())
                .containsExactly(Map.entry(":expected", AttributeValue.fromN("2")));
    }

    @Test
    void write_isFalseOnlyWhenTheConditionFails() {
        PutItemRequest request = OptimisticPut.request("table", ITEM, "id", "version", 2);
        when(client.putItem(any(PutItemRequest.class)))
                .thenReturn(PutItemResponse.builder().build())
                .thenThrow(
                        ConditionalCheckFailedException.builder().message("no").build())
                .thenThrow(DynamoDbException.builder().message("down").build());

        assertThat(OptimisticPut.write(client, request)).isTrue();
        assertThat(OptimisticPut.write(client, request)).isFalse();
        assertThatThrownBy(() -> OptimisticPut.write(client, request)).isInstanceOf(DynamoDbException.class);
    }
}
