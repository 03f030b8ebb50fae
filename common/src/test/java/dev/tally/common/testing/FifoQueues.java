package dev.tally.common.testing;

import java.util.Objects;

/**
 * A FIFO queue and the FIFO dead-letter queue it redrives to.
 *
 * @param queueUrl the main queue
 * @param deadLetterQueueUrl its dead-letter queue
 * @param deadLetterQueueArn the dead-letter queue's ARN (what the main queue's RedrivePolicy names)
 */
public record FifoQueues(String queueUrl, String deadLetterQueueUrl, String deadLetterQueueArn) {

    /** Validates that every part is present. */
    public FifoQueues {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
        Objects.requireNonNull(deadLetterQueueArn, "deadLetterQueueArn");
    }
}
