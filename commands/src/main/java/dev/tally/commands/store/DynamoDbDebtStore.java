package dev.tally.commands.store;

import dev.tally.common.domain.Debt;
import dev.tally.common.store.DebtItem;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The {@code debts} table as a DynamoDB adapter: a consistent read, and a whole-item put conditioned
 * on the version the new debt was decided from (optimistic concurrency; see
 * {@code docs/adr/0060-worker-idempotency-on-command-id.md}).
 */
public final class DynamoDbDebtStore implements DebtStore {

    static final String CREATE_CONDITION = "attribute_not_exists(debtId)";
    static final String UPDATE_CONDITION = "#version = :expectedPrevious";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /** An adapter on {@code tableName}. */
    public DynamoDbDebtStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<Debt> find(String userId, String debtId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(tableName)
                        .key(Map.of("userId", AttributeValue.fromS(userId), "debtId", AttributeValue.fromS(debtId)))
                        .consistentRead(true)
                        .build())
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DebtItem.fromItem(item));
    }

    @Override
    public boolean save(Debt debt) {
        try {
            dynamoDb.putItem(putRequest(debt));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    PutItemRequest putRequest(Debt debt) {
        PutItemRequest.Builder request =
                PutItemRequest.builder().tableName(tableName).item(DebtItem.toItem(debt));
        if (debt.version() == 1) {
            return request.conditionExpression(CREATE_CONDITION).build();
        }
        return request.conditionExpression(UPDATE_CONDITION)
                .expressionAttributeNames(Map.of("#version", "version"))
                .expressionAttributeValues(
                        Map.of(":expectedPrevious", AttributeValue.fromN(Long.toString(debt.version() - 1))))
                .build();
    }
}
