package dev.tally.api.store;

import dev.tally.common.store.CommandItem;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.CommandType;
import dev.tally.events.command.RejectionReason;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The commands table in DynamoDB.
 *
 * <p>{@link #recordAccepted} is one conditional {@code PutItem} ({@code attribute_not_exists(commandId)})
 * that asks DynamoDB to return the existing item when the condition fails, so a replay costs one
 * request; should the endpoint not return it, the item is read consistently instead.
 */
public final class DynamoDbCommandStore implements CommandStore {

    static final String CONDITION_NEW_COMMAND = "attribute_not_exists(commandId)";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbCommandStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public AcceptResult recordAccepted(CommandRecord accepted) {
        try {
            dynamoDb.putItem(acceptRequest(accepted));
            return new AcceptResult.Recorded();
        } catch (ConditionalCheckFailedException exists) {
            Map<String, AttributeValue> old = exists.item();
            CommandRecord existing = old != null && !old.isEmpty()
                    ? fromItem(old)
                    : find(accepted.userId(), accepted.commandId())
                            .orElseThrow(() -> new IllegalStateException(
                                    "command " + accepted.commandId() + " exists by condition but could not be read"));
            return new AcceptResult.AlreadyRecorded(existing);
        }
    }

    @Override
    public Optional<CommandRecord> find(String userId, String commandId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(tableName)
                        .key(CommandItem.key(userId, commandId))
                        .consistentRead(true)
                        .build())
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    PutItemRequest acceptRequest(CommandRecord accepted) {
        Map<String, AttributeValue> item = CommandItem.accepted(
                accepted.userId(),
                accepted.commandId(),
                accepted.type().name(),
                accepted.debtId(),
                accepted.requestHash(),
                accepted.acceptedAt());
        return PutItemRequest.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression(CONDITION_NEW_COMMAND)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    static CommandRecord fromItem(Map<String, AttributeValue> item) {
        return new CommandRecord(
                item.get("userId").s(),
                item.get("commandId").s(),
                CommandType.valueOf(item.get("type").s()),
                CommandStatus.Status.valueOf(item.get("status").s()),
                item.get("debtId").s(),
                string(item, "requestHash"),
                instant(item, "acceptedAt"),
                item.containsKey("expiresAt")
                        ? Instant.ofEpochSecond(
                                Long.parseLong(item.get("expiresAt").n()))
                        : null,
                item.containsKey("reason")
                        ? RejectionReason.valueOf(item.get("reason").s())
                        : null,
                item.containsKey("debtVersion")
                        ? Long.valueOf(item.get("debtVersion").n())
                        : null);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
