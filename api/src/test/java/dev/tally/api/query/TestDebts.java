package dev.tally.api.query;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.events.DebtStatus;
import dev.tally.events.Money;
import dev.tally.events.command.CancelDebt;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.DebtCommand;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import dev.tally.events.command.SettleDebt;
import java.time.Instant;
import java.time.LocalDate;

/** Debts for query tests, produced by the domain's decision function (never built by hand). */
public final class TestDebts {

    /** When the creating commands were issued. */
    public static final Instant CREATED = Instant.parse("2026-11-20T10:00:00Z");

    private TestDebts() {}

    /** An OPEN debt: {@code counterparty} owes the user {@code principal} minor units, {@code paid} of it paid. */
    public static Debt open(
            String userId,
            String debtId,
            String counterparty,
            long principal,
            long paid,
            String currency,
            LocalDate dueDate) {
        Debt debt = apply(
                null,
                userId,
                "create-" + debtId,
                0,
                new CreateDebt(
                        debtId,
                        new Counterparty(counterparty, null),
                        Direction.OWED_TO_ME,
                        Money.of(principal, currency),
                        "Dinner",
                        dueDate));
        if (paid > 0) {
            debt = apply(
                    debt,
                    userId,
                    "pay-" + debtId,
                    1,
                    new RecordPayment(debtId, Money.of(paid, currency), CREATED.plusSeconds(60), "cash"));
        }
        return debt;
    }

    /** A debt of 10.00 EUR in the given status. */
    public static Debt withStatus(String userId, String debtId, DebtStatus status) {
        Debt open = open(userId, debtId, "Alice", 1_000, 0, "EUR", null);
        return switch (status) {
            case OPEN -> open;
            case SETTLED -> apply(open, userId, "settle-" + debtId, 2, new SettleDebt(debtId, "even"));
            case CANCELLED -> apply(open, userId, "cancel-" + debtId, 2, new CancelDebt(debtId));
        };
    }

    private static Debt apply(Debt current, String userId, String commandId, int minutes, DebtCommand payload) {
        Decision decision = DebtDecider.decide(
                current,
                CommandEnvelope.of(
                        commandId, userId, CREATED.plusSeconds(60L * minutes), "corr-" + commandId, payload));
        if (decision instanceof Decision.Applied applied) {
            return applied.debt();
        }
        throw new IllegalArgumentException(commandId + " does not apply: " + decision);
    }
}
