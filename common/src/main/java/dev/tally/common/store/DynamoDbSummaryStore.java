package dev.tally.common.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The {@code summaries} table as a DynamoDB adapter: a consistent read, and a whole-item put
 * conditioned on the item's own {@code revision} (optimistic concurrency between concurrent
 * projector invocations and the rebuilder).
 */
public final class DynamoDbSummaryStore implements SummaryStore {

    static final String CREATE_CONDITION = "attribute_not_exists(userId)";
    static final String UPDATE_CONDITION = "#revision = :expectedRevision";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /** An adapter on {@code tableName}. */
    public DynamoDbSummaryStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<StoredSummary> find(String userId) {
        return summary(dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(tableName)
                        .key(Map.of(SummaryItem.USER_ID, AttributeValue.fromS(userId)))
                        .consistentRead(true)
                        .build())
                .item());
    }

    @Override
    public boolean save(StoredSummary summary) {
        try {
            dynamoDb.putItem(putRequest(summary));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    PutItemRequest putRequest(StoredSummary summary) {
        return putRequest(summary, summary.revision() - 1);
    }

    /**
     * The put of {@code summary} conditioned on the stored one being at {@code expectedRevision} (0: no
     * summary); a batch's transaction writes a summary saved several times once, on the revision read.
     */
    PutItemRequest putRequest(StoredSummary summary, long expectedRevision) {
        PutItemRequest.Builder request =
                PutItemRequest.builder().tableName(tableName).item(SummaryItem.toItem(summary));
        if (expectedRevision == 0) {
            return request.conditionExpression(CREATE_CONDITION).build();
        }
        return request.conditionExpression(UPDATE_CONDITION)
                .expressionAttributeNames(Map.of("#revision", SummaryItem.REVISION))
                .expressionAttributeValues(
                        Map.of(":expectedRevision", AttributeValue.fromN(Long.toString(expectedRevision))))
                .build();
    }

    /** The consistent read of a summary inside a batch's {@code TransactGetItems}. */
    Get get(String userId) {
        return Get.builder()
                .tableName(tableName)
                .key(Map.of(SummaryItem.USER_ID, AttributeValue.fromS(userId)))
                .build();
    }

    /** The summary in an item read with {@link #find} or {@link #get}; empty for none. */
    static Optional<StoredSummary> summary(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(SummaryItem.fromItem(item));
    }
}
