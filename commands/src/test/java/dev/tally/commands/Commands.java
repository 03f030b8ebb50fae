package dev.tally.commands;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.events.Money;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import dev.tally.events.command.SettleDebt;
import java.time.Instant;

/**
 * Builds test commands for one user's debt, and debts as the domain would produce them (by deciding
 * the commands, never by hand).
 */
public record Commands(String userId, String debtId) {

    static final Instant ISSUED_AT = Instant.parse("2026-11-27T10:00:00Z");

    /** A {@code CreateDebt} of {@code minorUnits} EUR owed to the user. */
    public CommandEnvelope create(String commandId, long minorUnits) {
        return CommandEnvelope.of(
                commandId,
                userId,
                ISSUED_AT,
                null,
                new CreateDebt(
                        debtId,
                        new Counterparty("Sam Lee", "sam@example.com"),
                        Direction.OWED_TO_ME,
                        Money.of(minorUnits, "EUR"),
                        "Concert tickets",
                        null));
    }

    /** A {@code RecordPayment} of {@code minorUnits} EUR. */
    public CommandEnvelope payment(String commandId, long minorUnits) {
        return CommandEnvelope.of(
                commandId,
                userId,
                ISSUED_AT,
                null,
                new RecordPayment(debtId, Money.of(minorUnits, "EUR"), ISSUED_AT, null));
    }

    /** A {@code RecordPayment} of {@code minorUnits} EUR with {@code note}. */
    public CommandEnvelope payment(String commandId, long minorUnits, String note) {
        return CommandEnvelope.of(
                commandId,
                userId,
                ISSUED_AT,
                null,
                new RecordPayment(debtId, Money.of(minorUnits, "EUR"), ISSUED_AT, note));
    }

    /** A {@code SettleDebt} with a note. */
    public CommandEnvelope settle(String commandId) {
        return CommandEnvelope.of(
                commandId, userId, ISSUED_AT.plusSeconds(60), null, new SettleDebt(debtId, "rest forgiven"));
    }

    /** The debt after applying {@code commands} in order (each must apply). */
    public Debt after(CommandEnvelope... commands) {
        return after(null, commands);
    }

    /** {@code start} (null for none) after applying {@code commands} in order (each must apply). */
    public Debt after(Debt start, CommandEnvelope... commands) {
        Debt debt = start;
        for (CommandEnvelope command : commands) {
            Decision decision = DebtDecider.decide(debt, command);
            if (!(decision instanceof Decision.Applied applied)) {
                throw new IllegalArgumentException(command.commandId() + " does not apply: " + decision);
            }
            debt = applied.debt();
        }
        return debt;
    }
}
