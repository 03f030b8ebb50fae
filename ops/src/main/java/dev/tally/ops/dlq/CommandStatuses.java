package dev.tally.ops.dlq;

import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a dead-lettered command stands in the {@code commands} table (key {@code userId} +
 * {@code commandId}, attribute {@code status}): {@code APPLIED}, {@code REJECTED}, {@code ACCEPTED},
 * or {@code UNKNOWN} (no record: never accepted by this stack, or expired).
 */
public final class CommandStatuses {

    /** Status shown when there is no table to ask. */
    public static final String NOT_LOOKED_UP = "NOT_LOOKED_UP";
    /** Status of a command with no record. */
    public static final String UNKNOWN = "UNKNOWN";
    /** Status of a message that is not a command. */
    public static final String UNPARSEABLE = "UNPARSEABLE";

    private final DynamoDbClient dynamoDb;
    private final String table;

    /** Looks up in {@code table} through {@code dynamoDb}; both null: nothing is looked up. */
    public CommandStatuses(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The status of {@code message}'s command. */
    public String statusOf(DeadLetterMessage message) {
        if (message.isUnparseable()) {
            return UNPARSEABLE;
        }
        if (dynamoDb == null || table == null) {
            return NOT_LOOKED_UP;
        }
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                            .consistentRead(true)
                            .key(Map.of(
                                    "userId",
                                    AttributeValue.fromS(message.userId()),
                                    "commandId",
                                    AttributeValue.fromS(message.commandId()))))
                    .item();
            return item == null || !item.containsKey("status")
                    ? UNKNOWN
                    : item.get("status").s();
        } catch (SdkException lookupFailed) {
            return "LOOKUP_FAILED";
        }
    }

    /** True when the command already has its outcome: replaying it would change nothing. */
    public static boolean isTerminal(String status) {
        return "APPLIED".equals(status) || "REJECTED".equals(status);
    }
}
