package dev.tally.ops.dlq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Moves messages from the FIFO dead-letter queue back to the FIFO command queue.
 *
 * <p>Each message is sent with its own {@code MessageGroupId} (order per user is kept) and a NEW
 * {@code MessageDeduplicationId} (the original one may still be inside the 5-minute deduplication
 * window, where SQS would drop the copy silently); the worker is idempotent on the command id inside
 * the body, so a message sent twice is applied once. The DLQ copy is deleted only after the send
 * succeeded. Messages the worker moved as unparseable (message attribute {@code failureReason}) are
 * skipped unless asked for: replaying them only sends them back. Skipped and failed messages are made
 * visible again at once, so later messages of their group are received in this run and they stay
 * for inspection. See {@code docs/adr/0080-dlq-replay.md}.
 */
public final class DeadLetterReplayer {

    /** The worker's message attribute on a message it moved as unparseable. */
    public static final String FAILURE_REASON = "failureReason";
    /** Attributes the worker adds when it moves a message; not forwarded on replay. */
    static final Set<String> WORKER_ATTRIBUTES = Set.of(FAILURE_REASON, "failureDetail", "originalMessageId");
    static final String DEDUPLICATION_PREFIX = "replay-";

    private static final int BATCH = 10;
    private static final int VISIBILITY_SECONDS = 60;
    private static final int IDLE_RECEIVES_BEFORE_STOPPING = 2;

    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private final String queueUrl;

    /** A replayer from {@code deadLetterQueueUrl} to {@code queueUrl}. */
    public DeadLetterReplayer(SqsClient sqs, String deadLetterQueueUrl, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.deadLetterQueueUrl = Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    /**
     * Replays up to {@code max} messages.
     *
     * @param includeUnparseable replay the messages the worker marked unparseable too
     * @param dryRun             receive and classify only: nothing is sent or deleted
     */
    public ReplayResult replay(int max, boolean includeUnparseable, boolean dryRun) {
        if (max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, was " + max);
        }
        Map<String, String> held = new LinkedHashMap<>(); // message id → latest receipt handle: left in the DLQ
        List<String> failures = new ArrayList<>();
        int replayed = 0;
        int skipped = 0;
        int idleReceives = 0;
        while (replayed + failures.size() < max && idleReceives < IDLE_RECEIVES_BEFORE_STOPPING) {
            List<String> heldThisBatch = new ArrayList<>();
            boolean progress = false;
            for (Message message : receive()) {
                String id = message.messageId();
                if (held.containsKey(id)) {
                    held.put(id, message.receiptHandle());
                    heldThisBatch.add(message.receiptHandle());
                    continue;
                }
                progress = true;
                if (replayed + failures.size() >= max) {
                    release(message.receiptHandle());
                    continue;
                }
                if (isUnparseable(message) && !includeUnparseable) {
                    skipped++;
                } else if (dryRun) {
                    replayed++;
                } else {
                    String failure = forward(message);
                    if (failure == null) {
                        replayed++;
                        continue;
                    }
                    failures.add(failure);
                }
                held.put(id, message.receiptHandle());
                heldThisBatch.add(message.receiptHandle());
            }
            if (!dryRun) {
                heldThisBatch.forEach(this::release);
            }
            idleReceives = progress ? 0 : idleReceives + 1;
        }
        held.values().forEach(this::release);
        return new ReplayResult(replayed, skipped, failures.size(), failures);
    }

    /** Sends then deletes; null when both worked, else the failure line. */
    private String forward(Message message) {
        String groupId = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        if (groupId == null) {
            return "message " + message.messageId() + ": no MessageGroupId (is " + deadLetterQueueUrl + " a FIFO queue?)";
        }
        try {
            sqs.sendMessage(request -> request.queueUrl(queueUrl)
                    .messageBody(message.body())
                    .messageGroupId(groupId)
                    .messageDeduplicationId(DEDUPLICATION_PREFIX + UUID.randomUUID())
                    .messageAttributes(forwardedAttributes(message)));
        } catch (SdkException sendFailed) {
            return "message " + message.messageId() + ": send failed, left in the DLQ: " + describe(sendFailed);
        }
        try {
            sqs.deleteMessage(request -> request.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));
            return null;
        } catch (SdkException deleteFailed) {
            return "message " + message.messageId() + ": sent, but not deleted from the DLQ (a later replay sends it "
                    + "again; the worker applies it once): " + describe(deleteFailed);
        }
    }

    private List<Message> receive() {
        return sqs.receiveMessage(request -> request.queueUrl(deadLetterQueueUrl)
                .maxNumberOfMessages(BATCH)
                .visibilityTimeout(VISIBILITY_SECONDS)
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)
                .messageAttributeNames("All")).messages();
    }

    private void release(String receiptHandle) {
        try {
            sqs.changeMessageVisibility(request -> request.queueUrl(deadLetterQueueUrl)
                    .receiptHandle(receiptHandle).visibilityTimeout(0));
        } catch (SdkException releaseFailed) {
            // It becomes visible again when its visibility timeout ends; nothing is lost.
        }
    }

    static boolean isUnparseable(Message message) {
        return message.messageAttributes().containsKey(FAILURE_REASON);
    }

    static Map<String, MessageAttributeValue> forwardedAttributes(Message message) {
        Map<String, MessageAttributeValue> forwarded = new HashMap<>(message.messageAttributes());
        forwarded.keySet().removeAll(WORKER_ATTRIBUTES);
        return forwarded;
    }

    private static String describe(SdkException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + " (" + failure.getClass().getSimpleName() + ")";
        }
        return failure.getClass().getSimpleName();
    }
}
