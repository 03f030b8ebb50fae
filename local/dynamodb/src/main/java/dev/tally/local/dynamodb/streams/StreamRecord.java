package dev.tally.local.dynamodb.streams;

import dev.tally.local.dynamodb.model.AttributeValue;
import java.util.Map;

/**
 * One change record of a stream, holding what the stream's view type shows.
 *
 * @param eventId a unique id
 * @param eventName INSERT, MODIFY or REMOVE
 * @param createdSeconds ApproximateCreationDateTime in epoch seconds
 * @param keys the item's key attributes
 * @param newImage the item after the change, or null (by view type or for REMOVE)
 * @param oldImage the item before the change, or null
 * @param sequence the sequence counter (rendered as a 21-digit string)
 * @param sizeBytes the record's size
 * @param viewType the stream's view type
 * @param byService true when DynamoDB itself deleted the item (TTL)
 * @param createdMillis creation time, for the 24-hour retention
 */
public record StreamRecord(
        String eventId,
        String eventName,
        long createdSeconds,
        Map<String, AttributeValue> keys,
        Map<String, AttributeValue> newImage,
        Map<String, AttributeValue> oldImage,
        long sequence,
        long sizeBytes,
        String viewType,
        boolean byService,
        long createdMillis) {

    /** The wire sequence number: 21 digits, increasing. */
    public String sequenceNumber() {
        return format(sequence);
    }

    /** Renders a sequence counter as AWS-like 21-digit numeric string. */
    public static String format(long sequence) {
        return String.format("1%020d", sequence);
    }

    /** Parses a wire sequence number back into the counter, or -1 if it is not one of ours. */
    public static long parse(String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.length() != 21 || sequenceNumber.charAt(0) != '1') {
            return -1;
        }
        try {
            return Long.parseLong(sequenceNumber.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
