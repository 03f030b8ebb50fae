package dev.tally.commands;

import java.util.Objects;

/**
 * One queued message as the worker sees it: the fields it needs, copied out of the Lambda SQS event
 * at the edge so the mutable event POJOs go no further.
 *
 * @param messageId      the SQS message id (changes when a message is redriven from the DLQ: never an idempotency key)
 * @param messageGroupId the FIFO message group (the user id), or null on a standard queue
 * @param body           the message body (a {@code CommandEnvelope} as JSON, unless the message is poison)
 * @param receiveCount   how many times SQS has delivered this message, 1 on the first delivery
 * @param replayOf       the DLQ message id this message was replayed from (message attribute {@code replayOf},
 *                       set by {@code tally ops dlq replay}), or null for a first send
 */
public record QueuedMessage(String messageId, String messageGroupId, String body, int receiveCount, String replayOf) {

    /** The message attribute {@code tally ops dlq replay} adds: the DLQ message id it replayed. */
    public static final String REPLAY_OF_ATTRIBUTE = "replayOf";

    /** A message that is not a replay. */
    public QueuedMessage(String messageId, String messageGroupId, String body, int receiveCount) {
        this(messageId, messageGroupId, body, receiveCount, null);
    }

    /** Requires the message id, the one field the batch response needs. */
    public QueuedMessage {
        Objects.requireNonNull(messageId, "messageId");
    }
}
