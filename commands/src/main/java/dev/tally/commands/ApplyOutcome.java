package dev.tally.commands;

import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;

/** What applying one command came to. Every outcome is final: none is retried. */
public sealed interface ApplyOutcome {

    /**
     * The command changed the debt to {@code debtVersion} (now, or in an earlier delivery when
     * {@code duplicate}).
     */
    record Applied(long debtVersion, boolean duplicate) implements ApplyOutcome {}

    /** A business rule refused the command; the debt is unchanged. */
    record Rejected(RejectionReason reason) implements ApplyOutcome {}

    /** The command already had this recorded outcome: nothing was done. */
    record AlreadyDecided(CommandStatus.Status status) implements ApplyOutcome {}
}
