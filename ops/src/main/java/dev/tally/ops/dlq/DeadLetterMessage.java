package dev.tally.ops.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One dead-lettered message as the replay tools see it: its SQS identity and system attributes, and
 * the ids read from the command envelope in its body (never the body's content beyond those ids).
 *
 * @param messageId     the DLQ message id (stable while the message stays in the DLQ: the ledger's key)
 * @param receiptHandle the handle of the latest receive
 * @param body          the body, sent on unchanged and never printed
 * @param groupId       the FIFO message group (the user id)
 * @param sentAt        SentTimestamp: when the message was first sent (kept across a redrive)
 * @param receiveCount  ApproximateReceiveCount
 * @param traceHeader   AWSTraceHeader, or null
 * @param attributes    the message attributes
 * @param commandId     the envelope's command id, or null when unparseable
 * @param userId        the envelope's user id, or null when unparseable
 * @param commandType   the envelope's type (else the {@code commandType} attribute), or null
 * @param unparseable   why the body is not a command (the worker's {@code failureReason}, or ours), or null
 */
public record DeadLetterMessage(
        String messageId,
        String receiptHandle,
        String body,
        String groupId,
        Instant sentAt,
        int receiveCount,
        String traceHeader,
        Map<String, MessageAttributeValue> attributes,
        String commandId,
        String userId,
        String commandType,
        String unparseable) {

    /** The worker's message attribute on a message it moved as unparseable. */
    public static final String FAILURE_REASON = "failureReason";

    private static final ObjectMapper JSON = new ObjectMapper();

    public DeadLetterMessage {
        attributes = Map.copyOf(attributes);
    }

    /** Reads {@code message} (received with all system and message attributes). */
    public static DeadLetterMessage of(Message message) {
        Map<MessageSystemAttributeName, String> system = message.attributes();
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        String sent = system.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String receives = system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        String commandId = null;
        String userId = null;
        String type = attributes.containsKey("commandType")
                ? attributes.get("commandType").stringValue()
                : null;
        String unparseable = attributes.containsKey(FAILURE_REASON)
                ? attributes.get(FAILURE_REASON).stringValue()
                : null;
        JsonNode envelope = envelope(message.body());
        if (envelope == null) {
            unparseable = unparseable == null ? "NOT_A_COMMAND_ENVELOPE" : unparseable;
        } else {
            commandId = envelope.get("commandId").asText();
            userId = envelope.get("userId").asText();
            type = envelope.get("type").asText();
        }
        return new DeadLetterMessage(
                message.messageId(),
                message.receiptHandle(),
                message.body(),
                system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
                receives == null ? 0 : Integer.parseInt(receives),
                system.get(MessageSystemAttributeName.AWS_TRACE_HEADER),
                attributes,
                commandId,
                userId,
                type,
                unparseable);
    }

    /** True when the body is not a command the worker would apply. */
    public boolean isUnparseable() {
        return unparseable != null;
    }

    /** How long ago it was first sent, or null if SQS did not say. */
    public Duration age(Instant now) {
        return sentAt == null ? null : Duration.between(sentAt, now);
    }

    /** The same message with the handle of a later receive. */
    public DeadLetterMessage withReceiptHandle(String handle) {
        return new DeadLetterMessage(
                messageId,
                handle,
                body,
                groupId,
                sentAt,
                receiveCount,
                traceHeader,
                attributes,
                commandId,
                userId,
                commandType,
                unparseable);
    }

    private static JsonNode envelope(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null
                    && node.isObject()
                    && text(node, "commandId")
                    && text(node, "userId")
                    && text(node, "type")) {
                return node;
            }
            return null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static boolean text(JsonNode node, String field) {
        return node.hasNonNull(field)
                && node.get(field).isTextual()
                && !node.get(field).asText().isBlank();
    }
}
