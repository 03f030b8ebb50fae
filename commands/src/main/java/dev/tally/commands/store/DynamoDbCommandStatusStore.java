package dev.tally.commands.store;

import dev.tally.common.store.CommandItem;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The {@code commands} table (key {@code userId} + {@code commandId}) as a DynamoDB adapter.
 *
 * <p>An outcome is recorded with one {@code UpdateItem} that keeps what the API wrote
 * ({@code requestHash}, {@code acceptedAt}) and is conditioned on the command having no outcome yet
 * ({@code attribute_not_exists(#commandId) OR #status = :accepted}), so a late duplicate can never
 * turn {@code APPLIED} into {@code REJECTED} or change the recorded version. The TTL attribute
 * {@code expiresAt} (a number: epoch seconds) is set here, where the outcome is recorded, to
 * {@link CommandItem#RETENTION} after the outcome: the one retention of the item ({@link CommandItem}).
 */
public final class DynamoDbCommandStatusStore implements CommandStatusStore {

    static final String NO_OUTCOME_YET = "attribute_not_exists(#commandId) OR #status = :accepted";
    static final String APPLIED_UPDATE = "SET #type = :type, #status = :status, #debtId = :debtId,"
            + " #debtVersion = :debtVersion, #updatedAt = :now, #acceptedAt = if_not_exists(#acceptedAt, :issuedAt),"
            + " #expiresAt = :expiresAt";
    static final String REJECTED_UPDATE = "SET #type = :type, #status = :status, #debtId = :debtId,"
            + " #reason = :reason, #updatedAt = :now, #acceptedAt = if_not_exists(#acceptedAt, :issuedAt),"
            + " #expiresAt = :expiresAt";
    private static final List<String> COMMON_NAMES =
            List.of("commandId", "type", "status", "debtId", "updatedAt", "acceptedAt", "expiresAt");

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    /** An adapter on {@code tableName}; {@code clock} stamps {@code updatedAt} and the expiry. */
    public DynamoDbCommandStatusStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<CommandStatus.Status> findStatus(String userId, String commandId) {
        return status(dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(tableName)
                        .key(key(userId, commandId))
                        .projectionExpression("#status")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .consistentRead(true)
                        .build())
                .item());
    }

    /** The read of a command's status inside a batch's {@code TransactGetItems}: the same item, only its status. */
    Get statusGet(String userId, String commandId) {
        return Get.builder()
                .tableName(tableName)
                .key(key(userId, commandId))
                .projectionExpression("#status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .build();
    }

    /** The status in an item read with {@link #findStatus} or {@link #statusGet}; empty for none. */
    static Optional<CommandStatus.Status> status(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("status")) {
            return Optional.empty();
        }
        return Optional.of(CommandStatus.Status.valueOf(item.get("status").s()));
    }

    @Override
    public boolean recordApplied(CommandEnvelope command, long debtVersion) {
        return update(appliedRequest(command, debtVersion));
    }

    @Override
    public boolean recordRejected(CommandEnvelope command, RejectionReason reason) {
        return update(rejectedRequest(command, reason));
    }

    /** The conditional update that records {@code APPLIED} (also written inside a batch's transaction). */
    UpdateItemRequest appliedRequest(CommandEnvelope command, long debtVersion) {
        Map<String, AttributeValue> values = commonValues(command, CommandStatus.Status.APPLIED);
        values.put(":debtVersion", AttributeValue.fromN(Long.toString(debtVersion)));
        return updateRequest(command, APPLIED_UPDATE, "debtVersion", values);
    }

    /** The conditional update that records {@code REJECTED} (also written inside a batch's transaction). */
    UpdateItemRequest rejectedRequest(CommandEnvelope command, RejectionReason reason) {
        Map<String, AttributeValue> values = commonValues(command, CommandStatus.Status.REJECTED);
        values.put(":reason", AttributeValue.fromS(reason.name()));
        return updateRequest(command, REJECTED_UPDATE, "reason", values);
    }

    private boolean update(UpdateItemRequest request) {
        try {
            dynamoDb.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException alreadyDecided) {
            return false;
        }
    }

    UpdateItemRequest updateRequest(
            CommandEnvelope command,
            String updateExpression,
            String outcomeAttribute,
            Map<String, AttributeValue> values) {
        Map<String, String> names = new HashMap<>();
        COMMON_NAMES.forEach(name -> names.put("#" + name, name));
        names.put("#" + outcomeAttribute, outcomeAttribute);
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key(command.userId(), command.commandId()))
                .updateExpression(updateExpression)
                .conditionExpression(NO_OUTCOME_YET)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private Map<String, AttributeValue> commonValues(CommandEnvelope command, CommandStatus.Status status) {
        Instant now = clock.instant();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":type", AttributeValue.fromS(command.type().name()));
        values.put(":status", AttributeValue.fromS(status.name()));
        values.put(":accepted", AttributeValue.fromS(CommandStatus.Status.ACCEPTED.name()));
        values.put(":debtId", AttributeValue.fromS(command.debtId()));
        values.put(":now", AttributeValue.fromS(now.toString()));
        values.put(":issuedAt", AttributeValue.fromS(command.issuedAt().toString()));
        values.put(":expiresAt", CommandItem.expiresAt(now));
        return values;
    }

    private static Map<String, AttributeValue> key(String userId, String commandId) {
        return CommandItem.key(userId, commandId);
    }
}
