package dev.tally.events.view;

import dev.tally.events.DebtStatus;
import dev.tally.events.DecimalMoney;
import dev.tally.events.Money;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A debt as {@code GET /debts/{debtId}} shows it, and as an item of {@code GET /debts} without its
 * payments (the list view: {@code payments} is absent, {@code paymentCount} says how many there are;
 * a page of 100 debts with 199 long notes each would pass Lambda's 6 MB response limit). Amounts that may be zero ({@code outstanding},
 * {@code paid}, {@code writtenOff}) are {@link DecimalMoney}, in the same
 * {@code {"amount", "currency"}} shape as the principal.
 *
 * @param debtId         the debt's id
 * @param counterparty   the other party
 * @param direction      who owes whom
 * @param principal      the amount recorded at creation
 * @param outstanding    what is still owed (0 once settled)
 * @param paid           the sum of the payments
 * @param writtenOff     the remainder written off when settled (0 otherwise)
 * @param currency       the debt's currency
 * @param status         OPEN, SETTLED or CANCELLED
 * @param dueDate        optional due date
 * @param description    optional description
 * @param settlementNote optional note given when the debt was settled
 * @param payments       the payments, in the order recorded; null (absent) in the list view
 * @param paymentCount   the number of payments
 * @param version        the debt's version (1 at creation, +1 per applied command)
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 */
public record DebtView(
        String debtId,
        Counterparty counterparty,
        Direction direction,
        Money principal,
        DecimalMoney outstanding,
        DecimalMoney paid,
        DecimalMoney writtenOff,
        String currency,
        DebtStatus status,
        LocalDate dueDate,
        String description,
        String settlementNote,
        List<PaymentView> payments,
        int paymentCount,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public DebtView {
        payments = payments == null ? null : List.copyOf(payments);
    }

    /** This view without its payments, as {@code GET /debts} lists it. */
    public DebtView withoutPayments() {
        return new DebtView(
                debtId,
                counterparty,
                direction,
                principal,
                outstanding,
                paid,
                writtenOff,
                currency,
                status,
                dueDate,
                description,
                settlementNote,
                null,
                paymentCount,
                version,
                createdAt,
                updatedAt);
    }
}
