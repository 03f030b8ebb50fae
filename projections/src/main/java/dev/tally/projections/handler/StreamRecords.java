package dev.tally.projections.handler;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.tally.common.domain.Debt;
import dev.tally.common.store.DebtItem;
import dev.tally.projections.ChangeRecord;
import dev.tally.projections.DebtChange;
import dev.tally.projections.UnreadableRecord;
import dev.tally.projections.internal.LambdaAttributeValues;
import java.util.Map;

/**
 * The edge: turns one {@code debts} stream record (mutable Lambda event POJOs) into a
 * {@link ChangeRecord} — a {@link DebtChange} of our {@link Debt} records, or an
 * {@link UnreadableRecord} saying why not. Images are read with the one debt item mapping,
 * {@link DebtItem}. Never throws.
 */
final class StreamRecords {

    private StreamRecords() {}

    static ChangeRecord read(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        String sequenceNumber = stream == null || stream.getSequenceNumber() == null ? "" : stream.getSequenceNumber();
        String userId = stream == null ? null : keyText(stream.getKeys(), "userId");
        String debtId = stream == null ? null : keyText(stream.getKeys(), "debtId");
        if (sequenceNumber.isEmpty() || userId == null || debtId == null) {
            return new UnreadableRecord(
                    sequenceNumber,
                    userId,
                    "the record has no dynamodb.SequenceNumber or no Keys.userId/Keys.debtId string");
        }
        String eventName = record.getEventName();
        boolean needsOld = "MODIFY".equals(eventName) || "REMOVE".equals(eventName);
        boolean needsNew = "MODIFY".equals(eventName) || "INSERT".equals(eventName);
        if (!needsOld && !needsNew) {
            return new UnreadableRecord(sequenceNumber, userId, "eventName must be INSERT, MODIFY or REMOVE");
        }
        try {
            Debt before = needsOld ? image(stream.getOldImage(), "OldImage", eventName) : null;
            Debt after = needsNew ? image(stream.getNewImage(), "NewImage", eventName) : null;
            return new DebtChange(sequenceNumber, userId, debtId, before, after);
        } catch (RuntimeException unreadable) {
            return new UnreadableRecord(sequenceNumber, userId, unreadable.getMessage());
        }
    }

    private static Debt image(Map<String, AttributeValue> image, String name, String eventName) {
        if (image == null || image.isEmpty()) {
            throw new IllegalArgumentException("a " + eventName + " record needs dynamodb." + name
                    + " (the stream view type must be NEW_AND_OLD_IMAGES)");
        }
        try {
            return DebtItem.fromItem(LambdaAttributeValues.toSdk(image));
        } catch (RuntimeException invalid) {
            throw new IllegalArgumentException("dynamodb." + name + ": " + invalid.getMessage(), invalid);
        }
    }

    private static String keyText(Map<String, AttributeValue> keys, String name) {
        if (keys == null || keys.get(name) == null) {
            return null;
        }
        return keys.get(name).getS();
    }
}
