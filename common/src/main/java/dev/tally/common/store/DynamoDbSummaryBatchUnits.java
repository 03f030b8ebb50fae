package dev.tally.common.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Summary batch units on the {@code summaries} table: one {@code TransactGetItems} reads the summaries
 * of a batch's users, one {@code TransactWriteItems} writes those that changed, each conditioned on the
 * revision read (as {@link DynamoDbSummaryStore#save} is). Two round trips per stream batch instead of
 * two per user (ADR 0118). IAM authorises the items as {@code GetItem} and {@code PutItem}.
 */
public final class DynamoDbSummaryBatchUnits {

    /** Most items in one DynamoDB transaction. */
    public static final int MAX_TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamoDb;
    private final DynamoDbSummaryStore summaries;

    /** Units on the table of {@code summaries}, through {@code dynamoDb}. */
    public DynamoDbSummaryBatchUnits(DynamoDbClient dynamoDb, DynamoDbSummaryStore summaries) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
    }

    /**
     * Reads the summaries of {@code userIds} (at most {@value #MAX_TRANSACTION_ITEMS}) consistently, at
     * once; throws an unchecked exception if they cannot be read so.
     */
    public SummaryBatchUnit begin(Collection<String> userIds) {
        List<String> users = List.copyOf(new java.util.LinkedHashSet<>(userIds));
        if (users.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException(
                    "a batch of " + users.size() + " users cannot be read in one transaction");
        }
        List<TransactGetItem> gets = new ArrayList<>();
        for (String user : users) {
            gets.add(TransactGetItem.builder().get(summaries.get(user)).build());
        }
        List<ItemResponse> read = dynamoDb.transactGetItems(request -> request.transactItems(gets))
                .responses();
        Map<String, Optional<StoredSummary>> stored = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            stored.put(users.get(i), DynamoDbSummaryStore.summary(read.get(i).item()));
        }
        return new Unit(stored);
    }

    private final class Unit implements SummaryBatchUnit {

        private final Map<String, Optional<StoredSummary>> stored;
        private final Map<String, StoredSummary> saved = new LinkedHashMap<>();

        Unit(Map<String, Optional<StoredSummary>> stored) {
            this.stored = stored;
        }

        @Override
        public Optional<StoredSummary> find(String userId) {
            StoredSummary summary = saved.get(userId);
            if (summary != null) {
                return Optional.of(summary);
            }
            Optional<StoredSummary> read = stored.get(userId);
            if (read == null) {
                throw new IllegalStateException("the summary of " + userId + " was not read at the start of the batch");
            }
            return read;
        }

        @Override
        public boolean save(StoredSummary summary) {
            long current = find(summary.userId()).map(StoredSummary::revision).orElse(0L);
            if (summary.revision() - 1 != current) {
                return false;
            }
            saved.put(summary.userId(), summary);
            return true;
        }

        @Override
        public void commit() {
            if (saved.isEmpty()) {
                return;
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            for (StoredSummary summary : saved.values()) {
                long readRevision = stored.get(summary.userId())
                        .map(StoredSummary::revision)
                        .orElse(0L);
                writes.add(TransactionItems.put(summaries.putRequest(summary, readRevision)));
            }
            dynamoDb.transactWriteItems(request -> request.transactItems(writes));
        }
    }
}
