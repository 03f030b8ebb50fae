package dev.tally.projections.handler;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import dev.tally.common.domain.Debt;
import dev.tally.common.store.DebtItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds DynamoDB stream records as Lambda delivers them (Lambda event POJOs) from debts, through
 * the one item mapping ({@link DebtItem}), so tests exercise the handler's edge conversion.
 */
final class StreamEvents {

    private StreamEvents() {}

    /** The stream record of a debt changing from {@code before} to {@code after} (either may be null). */
    static DynamodbEvent.DynamodbStreamRecord record(String sequenceNumber, Debt before, Debt after) {
        Debt any = after != null ? after : before;
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(sequenceNumber);
        stream.setStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        stream.setKeys(Map.of(
                "userId",
                new AttributeValue().withS(any.userId()),
                "debtId",
                new AttributeValue().withS(any.debtId())));
        if (before != null) {
            stream.setOldImage(toLambda(DebtItem.toItem(before)));
        }
        if (after != null) {
            stream.setNewImage(toLambda(DebtItem.toItem(after)));
        }
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(before == null ? "INSERT" : after == null ? "REMOVE" : "MODIFY");
        record.setEventSource("aws:dynamodb");
        record.setDynamodb(stream);
        return record;
    }

    /** An event of {@code records}. */
    static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(records));
        return event;
    }

    private static Map<String, AttributeValue> toLambda(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> converted = new HashMap<>();
        item.forEach((name, value) -> converted.put(name, toLambda(value)));
        return converted;
    }

    private static AttributeValue toLambda(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        return switch (value.type()) {
            case S -> new AttributeValue().withS(value.s());
            case N -> new AttributeValue().withN(value.n());
            case M -> new AttributeValue().withM(toLambda(value.m()));
            case L ->
                new AttributeValue()
                        .withL(value.l().stream().map(StreamEvents::toLambda).toList());
            case BOOL -> new AttributeValue().withBOOL(value.bool());
            default -> throw new IllegalArgumentException("no debt attribute is of type " + value.type());
        };
    }
}
