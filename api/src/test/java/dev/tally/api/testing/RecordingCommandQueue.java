package dev.tally.api.testing;

import dev.tally.api.store.CommandQueue;
import dev.tally.api.store.CommandQueueException;
import dev.tally.events.command.CommandEnvelope;
import java.util.ArrayList;
import java.util.List;

/** A queue that keeps what it is sent, and can be told to fail the next sends. */
public final class RecordingCommandQueue implements CommandQueue {

    private final List<CommandEnvelope> sent = new ArrayList<>();
    private int failuresLeft;

    @Override
    public synchronized void send(CommandEnvelope envelope) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new CommandQueueException(envelope.commandId(), new IllegalStateException("queue down"));
        }
        sent.add(envelope);
    }

    /** Makes the next {@code count} sends fail. */
    public synchronized void failNext(int count) {
        failuresLeft = count;
    }

    /** Everything sent, in order. */
    public synchronized List<CommandEnvelope> sent() {
        return List.copyOf(sent);
    }
}
