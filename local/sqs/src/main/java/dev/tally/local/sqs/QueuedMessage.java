package dev.tally.local.sqs;

import java.util.SortedMap;

/**
 * A message in a queue. What was sent is immutable; the delivery state (when it is visible again,
 * how often it was received, its current receipt handle) changes under the server's lock.
 */
final class QueuedMessage {

    final String id;
    final String body;
    final SortedMap<String, MessageAttribute> attributes;
    final String traceHeader;
    final String groupId;
    final String deduplicationId;
    final String sequenceNumber;
    final long sentMillis;
    final String md5OfBody;
    final String md5OfAttributes;
    /** The ARN of the queue this message was dead-lettered from, or null. */
    final String deadLetterSourceArn;

    /** The time it may be received again: after a delay or a visibility timeout. */
    long visibleAtMillis;
    /** True while a receive holds it (until its visibility timeout ends or it is made visible). */
    boolean inFlight;

    int receiveCount;
    long firstReceiveMillis;
    /** The nonce of the latest receive; a receipt handle names it. */
    long receiveNonce;

    QueuedMessage(
            String id,
            String body,
            SortedMap<String, MessageAttribute> attributes,
            String traceHeader,
            String groupId,
            String deduplicationId,
            String sequenceNumber,
            long sentMillis,
            String deadLetterSourceArn) {
        this.id = id;
        this.body = body;
        this.attributes = attributes;
        this.traceHeader = traceHeader;
        this.groupId = groupId;
        this.deduplicationId = deduplicationId;
        this.sequenceNumber = sequenceNumber;
        this.sentMillis = sentMillis;
        this.deadLetterSourceArn = deadLetterSourceArn;
        this.md5OfBody = Md5s.ofBody(body);
        this.md5OfAttributes = Md5s.ofAttributes(attributes);
    }

    /** A copy for another queue (dead-lettering, a move task): same id and content, fresh delivery state. */
    QueuedMessage copyFor(String newSequenceNumber, String sourceArn) {
        return new QueuedMessage(
                id, body, attributes, traceHeader, groupId, deduplicationId, newSequenceNumber, sentMillis, sourceArn);
    }

    boolean visible(long now) {
        return visibleAtMillis <= now;
    }
}
