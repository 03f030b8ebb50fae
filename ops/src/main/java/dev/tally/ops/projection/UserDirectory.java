package dev.tally.ops.projection;

import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every user with a debt or a summary: a scan of the key attribute of both tables (a summary
 * without debts is a user whose last debt was deleted, or a corrupted item, and is checked too).
 */
final class UserDirectory {

    private final DynamoDbClient dynamoDb;

    UserDirectory(DynamoDbClient dynamoDb) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    }

    SortedSet<String> usersOf(String... tables) {
        SortedSet<String> users = new TreeSet<>();
        for (String table : tables) {
            dynamoDb.scanPaginator(request -> request.tableName(table)
                            .projectionExpression("#userId")
                            .expressionAttributeNames(Map.of("#userId", "userId")))
                    .items().stream()
                    .map(item -> item.get("userId"))
                    .filter(Objects::nonNull)
                    .map(AttributeValue::s)
                    .filter(Objects::nonNull)
                    .forEach(users::add);
        }
        return users;
    }
}
