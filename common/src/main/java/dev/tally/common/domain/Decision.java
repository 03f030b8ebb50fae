package dev.tally.common.domain;

import dev.tally.events.command.RejectionReason;
import java.util.Objects;

/** The outcome of deciding one command against the current state of its debt. */
public sealed interface Decision permits Decision.Applied, Decision.Rejected, Decision.AlreadyApplied {

    /**
     * The command changes the debt: write {@code debt} (whose version is one more than before,
     * conditional on the previous version).
     *
     * @param debt the new state of the debt
     */
    record Applied(Debt debt) implements Decision {
        public Applied {
            Objects.requireNonNull(debt, "debt");
        }
    }

    /**
     * The command is refused for a business reason: an outcome, never retried.
     *
     * @param reason the machine-readable reason
     * @param detail a human explanation; may contain the user's amounts, so log the reason, not this
     */
    record Rejected(RejectionReason reason, String detail) implements Decision {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The command was applied before (a duplicate delivery or a replay): nothing changes.
     *
     * @param version the debt version that command produced
     */
    record AlreadyApplied(long version) implements Decision {}
}
