package dev.tally.ops.dlq;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SQS calls the DLQ tools share: receive with every attribute, release, and the queue's depth. */
final class QueueAccess {

    /** SQS's most messages per receive and per batch call. */
    static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    QueueAccess(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    String url() {
        return queueUrl;
    }

    /** Up to 10 messages, hidden for {@code visibilitySeconds}, with every system and message attribute. */
    List<DeadLetterMessage> receive(int visibilitySeconds) {
        return sqs
                .receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(BATCH)
                        .visibilityTimeout(visibilitySeconds)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages()
                .stream()
                .map(DeadLetterMessage::of)
                .toList();
    }

    /** Makes these messages visible again at once (best effort: else they return when their timeout ends). */
    void release(Collection<DeadLetterMessage> messages) {
        List<DeadLetterMessage> all = new ArrayList<>(messages);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<DeadLetterMessage> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle())
                        .visibilityTimeout(0)
                        .build());
            }
            try {
                sqs.changeMessageVisibilityBatch(
                        request -> request.queueUrl(queueUrl).entries(entries));
            } catch (SdkException releaseFailed) {
                // They become visible when their visibility timeout ends; nothing is lost.
            }
        }
    }

    /** Visible and in-flight messages (approximate on AWS). */
    Depth depth() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return new Depth(
                Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Long.parseLong(
                        attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
    }

    /** The queue's ARN. */
    String arn() {
        return sqs.getQueueAttributes(
                        request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /**
     * A queue's depth.
     *
     * @param visible  ApproximateNumberOfMessages
     * @param inFlight ApproximateNumberOfMessagesNotVisible
     */
    record Depth(long visible, long inFlight) {
        long total() {
            return visible + inFlight;
        }
    }
}
