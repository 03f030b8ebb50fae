package dev.tally.common.domain;

import dev.tally.events.FieldUpdate;
import dev.tally.events.Money;
import dev.tally.events.command.CancelDebt;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.DebtCommand;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import dev.tally.events.command.SettleDebt;
import dev.tally.events.command.UpdateDebt;
import java.time.Instant;
import java.time.LocalDate;

/** Builders of command envelopes for domain tests (also used from other modules via the test-jar). */
public final class TestCommands {

    /** The user of the builders' commands. */
    public static final String USER = "user-1";
    /** The debt of the builders' commands. */
    public static final String DEBT = "debt-1";
    /** The time of the first command. */
    public static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private TestCommands() {}

    /** An envelope of {@code payload} from {@link #USER}, issued {@code minutes} after {@link #T0}. */
    public static CommandEnvelope envelope(String commandId, int minutes, DebtCommand payload) {
        return CommandEnvelope.of(commandId, USER, T0.plusSeconds(60L * minutes), "corr-" + commandId, payload);
    }

    /** Creates {@link #DEBT}: Alice owes the user {@code amount} minor units of {@code currency}. */
    public static CommandEnvelope create(String commandId, long amount, String currency) {
        return envelope(
                commandId,
                0,
                new CreateDebt(
                        DEBT,
                        new Counterparty("Alice", "alice@example.com"),
                        Direction.OWED_TO_ME,
                        Money.of(amount, currency),
                        "Dinner",
                        LocalDate.of(2026, 12, 31)));
    }

    /** A payment on {@link #DEBT}. */
    public static CommandEnvelope pay(String commandId, int minutes, long amount, String currency) {
        return envelope(
                commandId,
                minutes,
                new RecordPayment(
                        DEBT, Money.of(amount, currency), T0.plusSeconds(60L * minutes), "note " + commandId));
    }

    /** Settles {@link #DEBT}. */
    public static CommandEnvelope settle(String commandId, int minutes) {
        return envelope(commandId, minutes, new SettleDebt(DEBT, "even"));
    }

    /** Cancels {@link #DEBT}. */
    public static CommandEnvelope cancel(String commandId, int minutes) {
        return envelope(commandId, minutes, new CancelDebt(DEBT));
    }

    /** Updates {@link #DEBT}. */
    public static CommandEnvelope update(
            String commandId,
            int minutes,
            FieldUpdate<String> name,
            FieldUpdate<String> email,
            FieldUpdate<String> description,
            FieldUpdate<LocalDate> dueDate) {
        return envelope(commandId, minutes, new UpdateDebt(DEBT, name, email, description, dueDate));
    }

    /** The debt an applied decision produced; fails the test otherwise. */
    public static Debt applied(Decision decision) {
        if (decision instanceof Decision.Applied applied) {
            return applied.debt();
        }
        throw new AssertionError("expected Applied but was " + decision);
    }
}
