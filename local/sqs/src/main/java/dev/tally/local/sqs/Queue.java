package dev.tally.local.sqs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;

/**
 * One queue: its attributes, its messages in send order, its deduplication window (FIFO) and its
 * sequence counter. Guarded by the server's lock; {@link #changed} wakes long polls.
 */
final class Queue {

    /** A deduplication entry: the message a deduplication id first produced, and when. */
    record Deduplication(
            String messageId, String sequenceNumber, long sentMillis, String md5OfBody, String md5OfAttributes) {}

    final String name;
    final String arn;
    final boolean fifo;
    final long createdMillis;
    /** The settable attributes as SQS reports them (normalised strings). */
    final Map<String, String> attributes;

    final LinkedHashMap<String, QueuedMessage> messages = new LinkedHashMap<>();
    final Map<String, Deduplication> deduplication = new HashMap<>();
    final Condition changed;
    long lastModifiedMillis;
    long nextSequence = 1;
    RedrivePolicy redrivePolicy;

    Queue(String name, String arn, Map<String, String> attributes, long createdMillis, Condition changed) {
        this.name = name;
        this.arn = arn;
        this.fifo = "true".equals(attributes.get("FifoQueue"));
        this.attributes = new LinkedHashMap<>(attributes);
        this.createdMillis = createdMillis;
        this.lastModifiedMillis = createdMillis;
        this.changed = changed;
        this.redrivePolicy = RedrivePolicy.parseStored(attributes.get("RedrivePolicy"));
    }

    int intAttribute(String name) {
        return Integer.parseInt(attributes.get(name));
    }

    int visibilityTimeout() {
        return intAttribute("VisibilityTimeout");
    }

    int delaySeconds() {
        return intAttribute("DelaySeconds");
    }

    int maximumMessageSize() {
        return intAttribute("MaximumMessageSize");
    }

    long retentionMillis() {
        return intAttribute("MessageRetentionPeriod") * 1000L;
    }

    int receiveWaitTimeSeconds() {
        return intAttribute("ReceiveMessageWaitTimeSeconds");
    }

    boolean contentBasedDeduplication() {
        return "true".equals(attributes.get("ContentBasedDeduplication"));
    }

    boolean deduplicationPerGroup() {
        return "messageGroup".equals(attributes.get("DeduplicationScope"));
    }

    String nextSequenceNumber() {
        return String.format("%020d", nextSequence++);
    }

    /** Accounts a stored sequence number (restore), so later ones are larger. */
    void sawSequenceNumber(String sequenceNumber) {
        if (sequenceNumber != null) {
            nextSequence = Math.max(nextSequence, Long.parseLong(sequenceNumber) + 1);
        }
    }

    void setAttributes(Map<String, String> changes, long now) {
        attributes.putAll(changes);
        attributes
                .entrySet()
                .removeIf(entry -> entry.getValue().isEmpty() && entry.getKey().startsWith("Redrive"));
        redrivePolicy = RedrivePolicy.parseStored(attributes.get("RedrivePolicy"));
        lastModifiedMillis = now;
    }
}
