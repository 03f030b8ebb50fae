package dev.tally.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class TransactionItemsTest {

    private static final Map<String, AttributeValue> ITEM = Map.of("id", AttributeValue.fromS("a"));

    @Test
    void put_keepsTheTableItemAndCondition() {
        Put put = TransactionItems.put(OptimisticPut.request("table", ITEM, "id", "version", 4))
                .put();

        assertThat(put.tableName()).isEqualTo("table");
        assertThat(put.item()).isEqualTo(ITEM);
        assertThat(put.conditionExpression()).isEqualTo("#version = :expected");
        assertThat(put.expressionAttributeNames()).containsExactly(Map.entry("#version", "version"));
        assertThat(put.expressionAttributeValues()).containsExactly(Map.entry(":expected", AttributeValue.fromN("4")));
    }

    @Test
    void put_withoutNamesOrValues_sendsNone() {
        Put put = TransactionItems.put(PutItemRequest.builder()
                        .tableName("table")
                        .item(ITEM)
                        .conditionExpression("attribute_not_exists(id)")
                        .build())
                .put();

        assertThat(put.hasExpressionAttributeNames()).isFalse();
        assertThat(put.hasExpressionAttributeValues()).isFalse();
    }

    @Test
    void update_keepsKeyExpressionsAndCondition() {
        Update update = TransactionItems.update(UpdateItemRequest.builder()
                        .tableName("table")
                        .key(ITEM)
                        .updateExpression("SET #s = :s")
                        .conditionExpression("#s = :old")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(
                                Map.of(":s", AttributeValue.fromS("APPLIED"), ":old", AttributeValue.fromS("ACCEPTED")))
                        .build())
                .update();

        assertThat(update.tableName()).isEqualTo("table");
        assertThat(update.key()).isEqualTo(ITEM);
        assertThat(update.updateExpression()).isEqualTo("SET #s = :s");
        assertThat(update.conditionExpression()).isEqualTo("#s = :old");
        assertThat(update.expressionAttributeNames()).containsEntry("#s", "status");
        assertThat(update.expressionAttributeValues()).containsEntry(":old", AttributeValue.fromS("ACCEPTED"));
    }
}
