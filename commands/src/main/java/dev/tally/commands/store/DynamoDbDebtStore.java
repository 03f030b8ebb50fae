package dev.tally.commands.store;

import dev.tally.common.domain.Debt;
import dev.tally.common.store.DebtItem;
import dev.tally.common.store.OptimisticPut;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The {@code debts} table as a DynamoDB adapter: a consistent read, and a whole-item put conditioned
 * on the version the new debt was decided from ({@link OptimisticPut}: optimistic concurrency; see
 * {@code docs/adr/0060-worker-idempotency-on-command-id.md}).
 */
public final class DynamoDbDebtStore implements DebtStore {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /** An adapter on {@code tableName}. */
    public DynamoDbDebtStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<Debt> find(String userId, String debtId) {
        return debt(dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(tableName)
                        .key(key(userId, debtId))
                        .consistentRead(true)
                        .build())
                .item());
    }

    @Override
    public boolean save(Debt debt) {
        return OptimisticPut.write(dynamoDb, putRequest(debt));
    }

    PutItemRequest putRequest(Debt debt) {
        return putRequest(debt, debt.version() - 1);
    }

    /**
     * The put of {@code debt} conditioned on the stored debt being at {@code expectedPrevious} (0: no
     * debt with that id); a batch's transaction writes a debt changed by several commands once, on
     * the version it read.
     */
    PutItemRequest putRequest(Debt debt, long expectedPrevious) {
        return OptimisticPut.request(tableName, DebtItem.toItem(debt), "debtId", "version", expectedPrevious);
    }

    /** The consistent read of a debt inside a batch's {@code TransactGetItems}. */
    Get get(String userId, String debtId) {
        return Get.builder().tableName(tableName).key(key(userId, debtId)).build();
    }

    /** The debt in an item read with {@link #find} or {@link #get}; empty for none. */
    static Optional<Debt> debt(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DebtItem.fromItem(item));
    }

    private static Map<String, AttributeValue> key(String userId, String debtId) {
        return Map.of("userId", AttributeValue.fromS(userId), "debtId", AttributeValue.fromS(debtId));
    }
}
