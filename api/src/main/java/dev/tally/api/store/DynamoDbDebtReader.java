package dev.tally.api.store;

import dev.tally.common.domain.Debt;
import dev.tally.common.store.DebtItem;
import dev.tally.events.DebtStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The debts table in DynamoDB, read with the shared {@link DebtItem} mapping (ADR 0077); paging per ADR 0075.
 *
 * <p>A page is a {@code Query} on the user's partition in sort-key (debt id, so creation) order.
 * DynamoDB applies {@code Limit} to the items it evaluates <em>before</em> the status
 * {@code FilterExpression}, so one request may return fewer matches than asked, or none while more
 * follow: the reader keeps querying from the last evaluated key until it holds {@code limit + 1}
 * matches, the partition ends, or {@link #MAX_ROUNDS} requests were made. The extra match only tells
 * whether a next page exists; it is not returned. When the rounds run out first, the page holds the
 * matches found so far (perhaps none) and resumes after the last evaluated key, so a filter that
 * matches rarely (one CANCELLED debt among 10 000) costs a bounded time per request instead of a
 * read of the whole partition until the function times out (ADR 0143). Reads are strongly
 * consistent, so a command seen as {@code APPLIED} is visible in the listing.
 */
public final class DynamoDbDebtReader implements DebtReader {

    /** The debts table's key (docs/ARCHITECTURE.md) and the status attribute of {@link DebtItem}'s layout. */
    static final String USER_ID = "userId";

    static final String DEBT_ID = "debtId";
    static final String STATUS = "status";
    static final String KEY_CONDITION = "#userId = :userId";
    static final String STATUS_FILTER = "#status = :status";
    /** The fewest items one request evaluates when a filter may skip some (bounds the round trips). */
    static final int DEFAULT_FILTERED_BATCH = 25;
    /** The most {@code Query} requests one page makes (each reads at most 1 MB). */
    public static final int MAX_ROUNDS = 4;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final int filteredBatch;

    /** An adapter on {@code tableName}. */
    public DynamoDbDebtReader(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, DEFAULT_FILTERED_BATCH);
    }

    DynamoDbDebtReader(DynamoDbClient dynamoDb, String tableName, int filteredBatch) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        if (filteredBatch < 1) {
            throw new IllegalArgumentException("filteredBatch must be at least 1");
        }
        this.filteredBatch = filteredBatch;
    }

    @Override
    public Optional<Debt> find(String userId, String debtId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(tableName)
                        .key(key(userId, debtId))
                        .consistentRead(true)
                        .build())
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DebtItem.fromItem(item));
    }

    @Override
    public DebtPage page(String userId, DebtStatus status, String afterDebtId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        int wanted = limit + 1;
        List<Debt> matches = new ArrayList<>();
        Map<String, AttributeValue> startKey = afterDebtId == null ? null : key(userId, afterDebtId);
        int rounds = 0;
        do {
            QueryResponse response = dynamoDb.query(queryRequest(userId, status, startKey, wanted - matches.size()));
            rounds++;
            for (Map<String, AttributeValue> item : response.items()) {
                if (matches.size() < wanted) {
                    matches.add(DebtItem.fromItem(item));
                }
            }
            startKey = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (matches.size() < wanted && startKey != null && rounds < MAX_ROUNDS);
        if (matches.size() > limit) {
            List<Debt> page = matches.subList(0, limit);
            return new DebtPage(page, page.get(limit - 1).debtId());
        }
        return new DebtPage(
                matches, startKey == null ? null : startKey.get(DEBT_ID).s());
    }

    QueryRequest queryRequest(String userId, DebtStatus status, Map<String, AttributeValue> startKey, int stillWanted) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#userId", USER_ID);
        values.put(":userId", AttributeValue.fromS(userId));
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression(KEY_CONDITION)
                .consistentRead(true)
                .scanIndexForward(true)
                .exclusiveStartKey(startKey);
        if (status == null) {
            request.limit(stillWanted);
        } else {
            names.put("#status", STATUS);
            values.put(":status", AttributeValue.fromS(status.name()));
            request.filterExpression(STATUS_FILTER).limit(Math.max(stillWanted, filteredBatch));
        }
        return request.expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    static Map<String, AttributeValue> key(String userId, String debtId) {
        return Map.of(USER_ID, AttributeValue.fromS(userId), DEBT_ID, AttributeValue.fromS(debtId));
    }
}
