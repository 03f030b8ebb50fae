package dev.tally.api.store;

import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryItem;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The summaries table in DynamoDB, read with the shared {@link SummaryItem} mapping. */
public final class DynamoDbSummaryReader implements SummaryReader {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /** An adapter on {@code tableName}. */
    public DynamoDbSummaryReader(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<StoredSummary> find(String userId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(SummaryItem.USER_ID, AttributeValue.fromS(userId)))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(SummaryItem.fromItem(item));
    }
}
