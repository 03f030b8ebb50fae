package dev.tally.commands;

import dev.tally.events.command.CommandEnvelope;
import java.util.function.BooleanSupplier;

/**
 * What the edge adds around the {@link CommandWorker}'s steps: log keys and trace subsegments. The
 * worker says where a step starts and ends and nothing of how it is observed, so it has no logging or
 * tracing library in it beyond its own log lines (ADR 0168): the handler passes the Powertools one,
 * {@link #NONE} adds nothing. Each method runs {@code step} once and returns what it returns.
 */
public interface WorkerObservation {

    /** Adds nothing: for a worker run outside a Lambda handler (tests, tools). */
    WorkerObservation NONE = new WorkerObservation() {
        @Override
        public boolean batch(BooleanSupplier step) {
            return step.getAsBoolean();
        }

        @Override
        public boolean message(QueuedMessage message, CommandEnvelope command, BooleanSupplier step) {
            return step.getAsBoolean();
        }

        @Override
        public boolean command(QueuedMessage message, CommandEnvelope command, BooleanSupplier step) {
            return step.getAsBoolean();
        }
    };

    /** The attempt to apply the whole batch as one unit (ADR 0117). */
    boolean batch(BooleanSupplier step);

    /**
     * The handling of one message, its log lines keyed with the message (and {@code command}, when it is
     * already parsed; null otherwise).
     */
    boolean message(QueuedMessage message, CommandEnvelope command, BooleanSupplier step);

    /** The application of one parsed command of {@code message}, inside {@link #message}. */
    boolean command(QueuedMessage message, CommandEnvelope command, BooleanSupplier step);
}
