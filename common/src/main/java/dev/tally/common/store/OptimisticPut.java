package dev.tally.common.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A whole-item put conditioned on the stored item's counter (a debt's {@code version}, a summary's
 * {@code revision}): the optimistic concurrency of the debt and summary adapters, written once
 * (ADR 0169). The counter a writer read is {@code expected}; 0 means it read no item.
 */
public final class OptimisticPut {

    /** The value placeholder of the counter in the update condition. */
    static final String EXPECTED = ":expected";

    private OptimisticPut() {}

    /**
     * The put of {@code item} into {@code tableName}: when {@code expected} is 0, only if no item has
     * this key ({@code attribute_not_exists(keyAttribute)}); otherwise only if the stored item's
     * {@code counter} is still {@code expected} ({@code #counter = :expected}).
     */
    public static PutItemRequest request(
            String tableName, Map<String, AttributeValue> item, String keyAttribute, String counter, long expected) {
        PutItemRequest.Builder request =
                PutItemRequest.builder().tableName(tableName).item(item);
        if (expected == 0) {
            return request.conditionExpression("attribute_not_exists(" + keyAttribute + ")")
                    .build();
        }
        return request.conditionExpression("#" + counter + " = " + EXPECTED)
                .expressionAttributeNames(Map.of("#" + counter, counter))
                .expressionAttributeValues(Map.of(EXPECTED, AttributeValue.fromN(Long.toString(expected))))
                .build();
    }

    /** Sends {@code request}: true if written, false if its condition failed (another writer got there first). */
    public static boolean write(DynamoDbClient dynamoDb, PutItemRequest request) {
        try {
            dynamoDb.putItem(request);
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }
}
