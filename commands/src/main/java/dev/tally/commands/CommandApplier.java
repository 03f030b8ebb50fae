package dev.tally.commands;

import dev.tally.commands.store.CommandStatusStore;
import dev.tally.commands.store.DebtStore;
import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.store.ConditionalRetry;
import dev.tally.common.store.DebtItem;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies one command exactly once in effect (see {@code docs/adr/0060-worker-idempotency-on-command-id.md}):
 * a terminal status stops it; otherwise the current debt decides it, and the debt's record of applied
 * command ids turns a repeat into {@link Decision.AlreadyApplied}. A new debt whose item would pass
 * DynamoDB's 400 KB limit is rejected ({@code DEBT_TOO_LARGE}) before any write. The new debt is
 * written on the condition that nobody wrote in between; then the outcome is recorded.
 *
 * <p>Infrastructure faults are thrown as unchecked exceptions (the message is retried); business
 * rejections are returned.
 */
public final class CommandApplier {

    /** Decide-and-write attempts before a conflict is given up as a retryable fault. */
    static final int WRITE_ATTEMPTS = 2;

    private final DebtStore debts;
    private final CommandStatusStore statuses;

    /** An applier writing debts to {@code debts} and outcomes to {@code statuses}. */
    public CommandApplier(DebtStore debts, CommandStatusStore statuses) {
        this.debts = Objects.requireNonNull(debts, "debts");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
    }

    /** Applies {@code command}; returns its outcome, or throws if it must be retried. */
    public ApplyOutcome apply(CommandEnvelope command) {
        Optional<CommandStatus.Status> recorded = statuses.findStatus(command.userId(), command.commandId());
        if (recorded.isPresent() && recorded.get() != CommandStatus.Status.ACCEPTED) {
            return new ApplyOutcome.AlreadyDecided(recorded.get());
        }
        return ConditionalRetry.untilWritten(
                WRITE_ATTEMPTS,
                attempt -> decideAndWrite(command),
                attempts -> new ConcurrentDebtChangeException(command.commandId(), command.debtId(), attempts));
    }

    /** One attempt: the outcome, or empty if the debt changed between the read and the conditional write. */
    private Optional<ApplyOutcome> decideAndWrite(CommandEnvelope command) {
        Optional<Debt> current = debts.find(command.userId(), command.debtId());
        Decision decision = DebtDecider.decide(current.orElse(null), command);
        if (decision instanceof Decision.Rejected rejected) {
            statuses.recordRejected(command, rejected.reason());
            return Optional.of(new ApplyOutcome.Rejected(rejected.reason()));
        }
        if (decision instanceof Decision.AlreadyApplied already) {
            statuses.recordApplied(command, already.version());
            return Optional.of(new ApplyOutcome.Applied(already.version(), true));
        }
        Debt next = ((Decision.Applied) decision).debt();
        if (!DebtItem.fits(next)) {
            statuses.recordRejected(command, RejectionReason.DEBT_TOO_LARGE);
            return Optional.of(new ApplyOutcome.Rejected(RejectionReason.DEBT_TOO_LARGE));
        }
        if (!debts.save(next)) {
            return Optional.empty();
        }
        statuses.recordApplied(command, next.version());
        return Optional.of(new ApplyOutcome.Applied(next.version(), false));
    }
}
