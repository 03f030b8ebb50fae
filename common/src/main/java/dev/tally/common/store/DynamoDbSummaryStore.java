package dev.tally.common.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The {@code summaries} table as a DynamoDB adapter: a consistent read, and a whole-item put
 * conditioned on the item's own {@code revision} ({@link OptimisticPut}: optimistic concurrency between
 * concurrent projector invocations and the rebuilder).
 */
public final class DynamoDbSummaryStore implements SummaryStore {

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
        return OptimisticPut.write(dynamoDb, putRequest(summary));
    }

    PutItemRequest putRequest(StoredSummary summary) {
        return putRequest(summary, summary.revision() - 1);
    }

    /**
     * The put of {@code summary} conditioned on the stored one being at {@code expectedRevision} (0: no
     * summary); a batch's transaction writes a summary saved several times once, on the revision read.
     */
    PutItemRequest putRequest(StoredSummary summary, long expectedRevision) {
        return OptimisticPut.request(
                tableName, SummaryItem.toItem(summary), SummaryItem.USER_ID, SummaryItem.REVISION, expectedRevision);
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
