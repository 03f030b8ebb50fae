package dev.tally.api.submission;

import java.util.Objects;

/** What submitting a command came to; each maps to one HTTP answer. */
public sealed interface SubmissionOutcome {

    /**
     * The command is recorded and queued (202). A replay of the same request gets the same ids.
     *
     * @param commandId the command id (the status URL's last segment)
     * @param debtId    the debt it acts on (for a new debt: the id the API gave it)
     * @param replayed  whether this answered a repeated {@code Idempotency-Key}
     */
    record Accepted(String commandId, String debtId, boolean replayed) implements SubmissionOutcome {
        public Accepted {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(debtId, "debtId");
        }
    }

    /** The {@code Idempotency-Key} was used before for a different request (422). */
    record IdempotencyKeyReused(String commandId) implements SubmissionOutcome {
        public IdempotencyKeyReused {
            Objects.requireNonNull(commandId, "commandId");
        }
    }

    /**
     * The command is recorded but the queue did not take it (503). Retrying with the same
     * {@code Idempotency-Key} sends it.
     */
    record QueueUnavailable(String commandId) implements SubmissionOutcome {
        public QueueUnavailable {
            Objects.requireNonNull(commandId, "commandId");
        }
    }
}
