package dev.tally.common.store;

import dev.tally.common.domain.Debt;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The {@code debts} table read by partition: every debt of one user, consistently, page after page. */
public final class DynamoDbDebtSource implements DebtSource {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /** An adapter on {@code tableName}. */
    public DynamoDbDebtSource(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public List<Debt> debtsOf(String userId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#userId = :userId")
                .expressionAttributeNames(Map.of("#userId", "userId"))
                .expressionAttributeValues(Map.of(":userId", AttributeValue.fromS(userId)))
                .consistentRead(true)
                .build();
        return dynamoDb.queryPaginator(request).items().stream()
                .map(DebtItem::fromItem)
                .toList();
    }
}
