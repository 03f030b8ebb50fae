package dev.tally.common.domain;

import dev.tally.events.Money;
import dev.tally.events.command.Direction;
import dev.tally.events.view.CounterpartyBalanceView;
import dev.tally.events.view.CurrencySummaryView;
import dev.tally.events.view.SummaryView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary arithmetic: a user's totals per currency, as a value that can be added and
 * subtracted exactly.
 *
 * <p>A summary is the sum of the {@link #contribution contributions} of the user's debts. Only an
 * OPEN debt contributes: its outstanding balance to {@code owedByMe} or {@code owedToMe} (by
 * direction), one to {@code openCount}, one to its due date's count, and its outstanding balance
 * to the counterparty's balance (+ when owed to the user, − when the user owes). So a projection
 * that sees a debt change from {@code old} to {@code new} applies
 * {@code summary.plus(contribution(new)).minus(contribution(old))}, and an operator can recompute
 * {@link #summaryOf} the debts from scratch: both give equal values. Zero entries are dropped, so
 * equal states are {@code equals}. Every operation is exact and throws {@link ArithmeticException}
 * instead of wrapping around.
 *
 * @param currencies currency code → totals (no zero totals)
 */
public record Summary(Map<String, CurrencyTotals> currencies) {

    /** The summary of no debts. */
    public static final Summary EMPTY = new Summary(Map.of());

    public Summary {
        Map<String, CurrencyTotals> copy = new HashMap<>(currencies);
        copy.values().removeIf(CurrencyTotals::isZero);
        currencies = Map.copyOf(copy);
    }

    /** What {@code debt} adds to its owner's summary: nothing unless it is OPEN (and nothing for null). */
    public static Summary contribution(Debt debt) {
        if (debt == null || !debt.isOpen()) {
            return EMPTY;
        }
        long outstanding = debt.outstanding();
        boolean owedToMe = debt.direction() == Direction.OWED_TO_ME;
        Map<LocalDate, Long> dueDates = debt.dueDate() == null ? Map.of() : Map.of(debt.dueDate(), 1L);
        long balance = owedToMe ? outstanding : Math.negateExact(outstanding);
        CurrencyTotals totals = new CurrencyTotals(
                owedToMe ? 0 : outstanding,
                owedToMe ? outstanding : 0,
                1,
                dueDates,
                Map.of(debt.counterparty().name(), new CounterpartyTotals(balance, 1)));
        return new Summary(Map.of(debt.currency(), totals));
    }

    /** The change a debt's transition from {@code before} to {@code after} makes (either may be null). */
    public static Summary delta(Debt before, Debt after) {
        return contribution(after).minus(contribution(before));
    }

    /** The summary of {@code debts}, from scratch. */
    public static Summary summaryOf(Collection<Debt> debts) {
        Summary total = EMPTY;
        for (Debt debt : debts) {
            total = total.plus(contribution(debt));
        }
        return total;
    }

    /** The sum, exactly. */
    public Summary plus(Summary other) {
        Map<String, CurrencyTotals> merged = new HashMap<>(currencies);
        other.currencies.forEach((currency, totals) -> merged.merge(currency, totals, CurrencyTotals::plus));
        return new Summary(merged);
    }

    /** The difference, exactly. */
    public Summary minus(Summary other) {
        return plus(other.negate());
    }

    /** The negation, exactly. */
    public Summary negate() {
        Map<String, CurrencyTotals> negated = new HashMap<>();
        currencies.forEach((currency, totals) -> negated.put(currency, totals.negate()));
        return new Summary(negated);
    }

    /** The same totals without the per-counterparty balances (for a summary stored without them). */
    public Summary withoutCounterparties() {
        Map<String, CurrencyTotals> stripped = new HashMap<>();
        currencies.forEach((currency, totals) -> stripped.put(
                currency,
                new CurrencyTotals(
                        totals.owedByMe(), totals.owedToMe(), totals.openCount(), totals.openDueDates(), Map.of())));
        return new Summary(stripped);
    }

    /** True for the summary of no open debts. */
    public boolean isEmpty() {
        return currencies.isEmpty();
    }

    /**
     * The summary as {@code GET /summary} shows it: amounts as decimal strings of each currency,
     * net = owedToMe − owedByMe, overdue = OPEN debts due before {@code today}, counterparties
     * sorted by name then currency.
     */
    public SummaryView toView(String userId, LocalDate today, Instant updatedAt) {
        Map<String, CurrencySummaryView> views = new TreeMap<>();
        List<CounterpartyBalanceView> balances = new ArrayList<>();
        currencies.forEach((currency, totals) -> {
            views.put(
                    currency,
                    new CurrencySummaryView(
                            Money.format(totals.owedByMe(), currency),
                            Money.format(totals.owedToMe(), currency),
                            Money.format(totals.net(), currency),
                            totals.openCount(),
                            totals.overdueCount(today)));
            totals.counterparties()
                    .forEach((name, party) -> balances.add(
                            new CounterpartyBalanceView(name, currency, Money.format(party.balance(), currency))));
        });
        balances.sort(
                Comparator.comparing(CounterpartyBalanceView::name).thenComparing(CounterpartyBalanceView::currency));
        return new SummaryView(userId, views, balances, updatedAt);
    }
}
