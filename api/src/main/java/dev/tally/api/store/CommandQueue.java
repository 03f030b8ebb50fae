package dev.tally.api.store;

import dev.tally.events.command.CommandEnvelope;

/** The FIFO queue that carries accepted commands to the worker. */
public interface CommandQueue {

    /**
     * Sends the envelope, in the user's message group, deduplicated on the command id.
     *
     * @throws CommandQueueException when the queue did not take the message (the caller may retry)
     */
    void send(CommandEnvelope envelope);
}
