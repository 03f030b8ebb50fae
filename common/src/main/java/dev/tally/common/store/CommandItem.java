package dev.tally.common.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code commands} table's item: the ONE mapping of its layout and retention, used by the API
 * (which records a command as {@code ACCEPTED}) and the worker (which records its outcome). See
 * {@code docs/adr/0141-one-command-item-and-retention.md}.
 *
 * <p>Key {@code userId} (S) + {@code commandId} (S). {@code type}, {@code status}, {@code debtId},
 * {@code requestHash} S; {@code acceptedAt}, {@code updatedAt} ISO-8601 S; {@code reason} S once
 * REJECTED; {@code debtVersion} N once APPLIED; {@code expiresAt} N (epoch seconds, the TTL
 * attribute). The record lives {@link #RETENTION} from its last write: the API sets it at acceptance
 * (so a command that never gets an outcome still expires) and the worker sets it again, from the
 * time of the outcome, where it records the outcome.
 */
public final class CommandItem {

    /** How long a command record (idempotency and status) is kept after it was last written. */
    public static final Duration RETENTION = Duration.ofDays(30);

    /** Key: the user. */
    public static final String USER_ID = "userId";
    /** Key: the command id. */
    public static final String COMMAND_ID = "commandId";
    /** The command type's constant name. */
    public static final String TYPE = "type";
    /** ACCEPTED, APPLIED or REJECTED. */
    public static final String STATUS = "status";
    /** The debt the command is about. */
    public static final String DEBT_ID = "debtId";
    /** The request fingerprint that tells a replay from a key reuse (written by the API). */
    public static final String REQUEST_HASH = "requestHash";
    /** When the API accepted the command. */
    public static final String ACCEPTED_AT = "acceptedAt";
    /** When the item last changed. */
    public static final String UPDATED_AT = "updatedAt";
    /** The TTL attribute: epoch seconds, a number. */
    public static final String EXPIRES_AT = "expiresAt";
    /** The rejection reason of a REJECTED command. */
    public static final String REASON = "reason";
    /** The debt version an APPLIED command produced. */
    public static final String DEBT_VERSION = "debtVersion";

    private CommandItem() {}

    /** The key of a command's item. */
    public static Map<String, AttributeValue> key(String userId, String commandId) {
        return Map.of(USER_ID, AttributeValue.fromS(userId), COMMAND_ID, AttributeValue.fromS(commandId));
    }

    /** The item the API writes when it accepts a command: status ACCEPTED, expiring {@link #RETENTION} after {@code acceptedAt}. */
    public static Map<String, AttributeValue> accepted(
            String userId, String commandId, String type, String debtId, String requestHash, Instant acceptedAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId, commandId));
        item.put(TYPE, AttributeValue.fromS(type));
        item.put(STATUS, AttributeValue.fromS("ACCEPTED"));
        item.put(DEBT_ID, AttributeValue.fromS(debtId));
        item.put(REQUEST_HASH, AttributeValue.fromS(requestHash));
        item.put(ACCEPTED_AT, AttributeValue.fromS(acceptedAt.toString()));
        item.put(UPDATED_AT, AttributeValue.fromS(acceptedAt.toString()));
        item.put(EXPIRES_AT, expiresAt(acceptedAt));
        return item;
    }

    /** The TTL value of an item last written at {@code writtenAt}: {@code writtenAt + RETENTION} in epoch seconds. */
    public static AttributeValue expiresAt(Instant writtenAt) {
        return AttributeValue.fromN(Long.toString(expiry(writtenAt).getEpochSecond()));
    }

    /** When an item last written at {@code writtenAt} may be deleted by the TTL. */
    public static Instant expiry(Instant writtenAt) {
        return writtenAt.plus(RETENTION);
    }
}
