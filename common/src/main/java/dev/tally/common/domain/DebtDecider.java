package dev.tally.common.domain;

import dev.tally.events.DebtStatus;
import dev.tally.events.Money;
import dev.tally.events.command.CancelDebt;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.DebtCommand;
import dev.tally.events.command.RecordPayment;
import dev.tally.events.command.RejectionReason;
import dev.tally.events.command.SettleDebt;
import dev.tally.events.command.UpdateDebt;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one decision function of Tally: given the current state of a debt (or none) and a command,
 * what happens. Pure: no I/O, no clock (time comes from the command's {@code issuedAt}).
 *
 * <p>Rules, in the order they are checked:
 * <ol>
 *   <li>A debt of another user is treated as absent: {@code DEBT_NOT_FOUND}.</li>
 *   <li>A command already in the debt's {@code appliedCommands} is {@link Decision.AlreadyApplied}
 *       (duplicate delivery, DLQ redrive, replay): nothing changes.</li>
 *   <li>{@code CreateDebt}: on an existing debt {@code DEBT_ALREADY_EXISTS}; otherwise a new OPEN
 *       debt at version 1.</li>
 *   <li>Any other command: on no debt {@code DEBT_NOT_FOUND}; on a SETTLED or CANCELLED debt
 *       {@code DEBT_NOT_OPEN}; on a debt with {@link Debt#MAX_COMMANDS} applied commands
 *       {@code DEBT_CHANGE_LIMIT_REACHED}.</li>
 *   <li>{@code UpdateDebt} replaces the fields it sets and clears those it clears; if that changes
 *       nothing, {@code NOTHING_TO_UPDATE}.</li>
 *   <li>{@code RecordPayment}: in another currency {@code CURRENCY_MISMATCH}; above the
 *       outstanding balance {@code OVERPAYMENT}; equal to it, the debt is paid in full and becomes
 *       SETTLED with nothing written off.</li>
 *   <li>{@code SettleDebt} closes the debt: SETTLED, the outstanding balance written off.</li>
 *   <li>{@code CancelDebt}: CANCELLED, numbers kept.</li>
 * </ol>
 * An applied command produces version + 1, records {@code commandId → new version} in
 * {@code appliedCommands}, and sets {@code updatedAt} to the command's {@code issuedAt} (never
 * earlier than the current {@code updatedAt}, so a late replay cannot move it back).
 * See {@code docs/adr/0012-debt-decision-function.md}.
 */
public final class DebtDecider {

    private DebtDecider() {}

    /**
     * Decides {@code command} against {@code current}.
     *
     * @param current the debt as stored, or null when there is none with the command's user and debt id
     * @param command the command
     * @return applied (with the new debt), rejected (with a reason), or already applied
     * @throws IllegalArgumentException if {@code current} is a different debt than the command's
     */
    public static Decision decide(Debt current, CommandEnvelope command) {
        DebtCommand payload = command.payload();
        if (current != null) {
            if (!current.debtId().equals(payload.debtId())) {
                throw new IllegalArgumentException(
                        "decide was given debt " + current.debtId() + " for a command on debt " + payload.debtId());
            }
            if (!current.userId().equals(command.userId())) {
                return new Decision.Rejected(RejectionReason.DEBT_NOT_FOUND, "no such debt");
            }
            Long version = current.appliedCommands().get(command.commandId());
            if (version != null) {
                return new Decision.AlreadyApplied(version);
            }
        }
        if (payload instanceof CreateDebt create) {
            return current == null
                    ? new Decision.Applied(created(create, command))
                    : new Decision.Rejected(RejectionReason.DEBT_ALREADY_EXISTS, "a debt with this id already exists");
        }
        if (current == null) {
            return new Decision.Rejected(RejectionReason.DEBT_NOT_FOUND, "no such debt");
        }
        if (!current.isOpen()) {
            return new Decision.Rejected(RejectionReason.DEBT_NOT_OPEN, "the debt is " + current.status());
        }
        if (current.appliedCommands().size() >= Debt.MAX_COMMANDS) {
            return new Decision.Rejected(
                    RejectionReason.DEBT_CHANGE_LIMIT_REACHED,
                    "the debt has " + Debt.MAX_COMMANDS + " applied commands");
        }
        if (payload instanceof UpdateDebt update) {
            return updated(current, update, command);
        }
        if (payload instanceof RecordPayment payment) {
            return paid(current, payment, command);
        }
        if (payload instanceof SettleDebt settle) {
            return applied(
                    current,
                    command,
                    current.toBuilder()
                            .status(DebtStatus.SETTLED)
                            .writtenOff(current.outstanding())
                            .settlementNote(settle.note()));
        }
        if (payload instanceof CancelDebt) {
            return applied(current, command, current.toBuilder().status(DebtStatus.CANCELLED));
        }
        throw new IllegalStateException("unhandled command " + payload.type());
    }

    private static Debt created(CreateDebt create, CommandEnvelope command) {
        Money amount = create.amount();
        return Debt.builder()
                .userId(command.userId())
                .debtId(create.debtId())
                .counterparty(create.counterparty())
                .direction(create.direction())
                .currency(amount.currency())
                .principal(amount.minorUnits())
                .status(DebtStatus.OPEN)
                .dueDate(create.dueDate())
                .description(create.description())
                .version(1)
                .createdAt(command.issuedAt())
                .updatedAt(command.issuedAt())
                .appliedCommands(Map.of(command.commandId(), 1L))
                .build();
    }

    private static Decision updated(Debt current, UpdateDebt update, CommandEnvelope command) {
        Counterparty counterparty = new Counterparty(
                update.counterpartyName().applyTo(current.counterparty().name()),
                update.counterpartyEmail().applyTo(current.counterparty().email()));
        String description = update.description().applyTo(current.description());
        LocalDate dueDate = update.dueDate().applyTo(current.dueDate());
        if (counterparty.equals(current.counterparty())
                && Objects.equals(description, current.description())
                && Objects.equals(dueDate, current.dueDate())) {
            return new Decision.Rejected(RejectionReason.NOTHING_TO_UPDATE, "the update leaves every field as it is");
        }
        return applied(
                current,
                command,
                current.toBuilder()
                        .counterparty(counterparty)
                        .description(description)
                        .dueDate(dueDate));
    }

    private static Decision paid(Debt current, RecordPayment payment, CommandEnvelope command) {
        Money amount = payment.amount();
        if (!amount.currency().equals(current.currency())) {
            return new Decision.Rejected(
                    RejectionReason.CURRENCY_MISMATCH,
                    "the payment is in " + amount.currency() + " but the debt is in " + current.currency());
        }
        long outstanding = current.outstanding();
        if (amount.minorUnits() > outstanding) {
            return new Decision.Rejected(
                    RejectionReason.OVERPAYMENT,
                    "the payment of " + amount + " is larger than the outstanding "
                            + Money.format(outstanding, current.currency()));
        }
        List<Payment> payments = new ArrayList<>(current.payments());
        payments.add(new Payment(amount.minorUnits(), payment.paidAt(), payment.note(), command.commandId()));
        DebtStatus status = amount.minorUnits() == outstanding ? DebtStatus.SETTLED : DebtStatus.OPEN;
        return applied(current, command, current.toBuilder().payments(payments).status(status));
    }

    /**
     * The decision to apply {@code changed} (the current debt with what {@code command} changes): the
     * next version, the command recorded in {@code appliedCommands}, and {@code updatedAt} moved to the
     * command's time (never back).
     */
    private static Decision applied(Debt current, CommandEnvelope command, Debt.Builder changed) {
        long version = Math.addExact(current.version(), 1);
        Map<String, Long> applied = new HashMap<>(current.appliedCommands());
        applied.put(command.commandId(), version);
        Instant updatedAt = command.issuedAt().isAfter(current.updatedAt()) ? command.issuedAt() : current.updatedAt();
        return new Decision.Applied(changed.version(version)
                .appliedCommands(applied)
                .updatedAt(updatedAt)
                .build());
    }
}
