package dev.tally.projections;

import java.util.Objects;

/**
 * A stream record whose images cannot be turned into debts (malformed item, missing image, unknown
 * event name). It can never succeed, but it is never dropped silently: the projector reports it as
 * failed so the event source mapping's retry limit sends it to the on-failure destination.
 *
 * @param sequenceNumber the stream sequence number ("" when the record has none)
 * @param userId         the owner from the record's key, or null when unknown
 * @param reason         what is wrong, naming the attribute; never the item's values
 */
public record UnreadableRecord(String sequenceNumber, String userId, String reason) implements ChangeRecord {

    public UnreadableRecord {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(reason, "reason");
    }
}
