package dev.tally.commands.store;

import dev.tally.commands.QueuedMessage;
import dev.tally.commands.Unparseable;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The FIFO dead-letter queue ({@code DEAD_LETTER_QUEUE_URL}) as an SQS adapter.
 *
 * <p>The copy keeps the body and the message group, so an operator can replay it in order once the
 * cause is fixed. Its deduplication id is derived from the original message id: if the worker moves
 * a message and then fails to acknowledge it, the second move within the FIFO deduplication window
 * is dropped by SQS instead of making a second copy.
 */
public final class SqsDeadLetterQueue implements DeadLetterQueue {

    /** Message attribute with the {@code UnparseableReason} name. */
    public static final String FAILURE_REASON = "failureReason";
    /** Message attribute with the human-readable problem (field names, never body content). */
    public static final String FAILURE_DETAIL = "failureDetail";
    /** Message attribute with the message id the copy was made from. */
    public static final String ORIGINAL_MESSAGE_ID = "originalMessageId";

    static final String DEDUPLICATION_PREFIX = "unparseable-";
    static final String GROUP_WHEN_ABSENT = "unparseable";
    private static final int MAX_DETAIL_CHARS = 1024;

    private final SqsClient sqs;
    private final String queueUrl;

    /** An adapter sending to {@code queueUrl} through {@code sqs}. */
    public SqsDeadLetterQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void moveUnparseable(QueuedMessage message, Unparseable problem) {
        sqs.sendMessage(request(message, problem));
    }

    SendMessageRequest request(QueuedMessage message, Unparseable problem) {
        String group =
                message.messageGroupId() == null || message.messageGroupId().isBlank()
                        ? GROUP_WHEN_ABSENT
                        : message.messageGroupId();
        String body = message.body() == null || message.body().isEmpty() ? "(empty body)" : message.body();
        return SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(body)
                .messageGroupId(group)
                .messageDeduplicationId(DEDUPLICATION_PREFIX + message.messageId())
                .messageAttributes(Map.of(
                        FAILURE_REASON, text(problem.reason().name()),
                        FAILURE_DETAIL, text(truncate(problem.detail())),
                        ORIGINAL_MESSAGE_ID, text(message.messageId())))
                .build();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS);
    }
}
