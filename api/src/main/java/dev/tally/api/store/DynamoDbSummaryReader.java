package dev.tally.api.store;

import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.StoredSummary;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The summaries table in DynamoDB, read through the shared {@link DynamoDbSummaryStore} (one consistent
 * GetItem and mapping for every reader); the api only ever reads it.
 */
public final class DynamoDbSummaryReader implements SummaryReader {

    private final DynamoDbSummaryStore summaries;

    /** An adapter on {@code tableName}. */
    public DynamoDbSummaryReader(DynamoDbClient dynamoDb, String tableName) {
        this.summaries = new DynamoDbSummaryStore(dynamoDb, tableName);
    }

    @Override
    public Optional<StoredSummary> find(String userId) {
        return summaries.find(userId);
    }
}
