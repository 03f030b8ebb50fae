package dev.tally.commands.store;

import dev.tally.commands.QueuedMessage;
import dev.tally.commands.Unparseable;

/** Where messages that can never be applied go, so they are kept for an operator and never retried. */
public interface DeadLetterQueue {

    /**
     * Sends a copy of {@code message} (its body unchanged) to the dead-letter queue, labelled with why
     * it cannot be parsed. Throws an unchecked exception if the copy was not stored.
     */
    void moveUnparseable(QueuedMessage message, Unparseable problem);
}
