package dev.tally.common.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * A user's totals in one currency (signed minor units, so that the difference of two summaries is
 * itself a value). Zero entries of the maps are dropped, so equal totals compare equal however
 * they were reached.
 *
 * @param owedByMe       outstanding total of OPEN debts the user owes
 * @param owedToMe       outstanding total of OPEN debts owed to the user
 * @param openCount      the number of OPEN debts
 * @param openDueDates   due date → number of OPEN debts due that day (overdue is computed at read time)
 * @param counterparties counterparty name → balance and open count with them
 */
public record CurrencyTotals(
        long owedByMe,
        long owedToMe,
        long openCount,
        Map<LocalDate, Long> openDueDates,
        Map<String, CounterpartyTotals> counterparties) {

    /** Nothing. */
    public static final CurrencyTotals ZERO = new CurrencyTotals(0, 0, 0, Map.of(), Map.of());

    public CurrencyTotals {
        Map<LocalDate, Long> dates = new HashMap<>(openDueDates);
        dates.values().removeIf(count -> count == 0);
        openDueDates = Map.copyOf(dates);
        Map<String, CounterpartyTotals> parties = new HashMap<>(counterparties);
        parties.values().removeIf(CounterpartyTotals::isZero);
        counterparties = Map.copyOf(parties);
    }

    /** {@code owedToMe − owedByMe}, exactly. */
    public long net() {
        return Math.subtractExact(owedToMe, owedByMe);
    }

    /** The number of OPEN debts due before {@code today}. */
    public long overdueCount(LocalDate today) {
        long overdue = 0;
        for (Map.Entry<LocalDate, Long> entry : openDueDates.entrySet()) {
            if (entry.getKey().isBefore(today)) {
                overdue = Math.addExact(overdue, entry.getValue());
            }
        }
        return overdue;
    }

    /** The sum, exactly. */
    public CurrencyTotals plus(CurrencyTotals other) {
        return new CurrencyTotals(
                Math.addExact(owedByMe, other.owedByMe),
                Math.addExact(owedToMe, other.owedToMe),
                Math.addExact(openCount, other.openCount),
                merge(openDueDates, other.openDueDates, Math::addExact),
                merge(counterparties, other.counterparties, CounterpartyTotals::plus));
    }

    /** The negation, exactly. */
    public CurrencyTotals negate() {
        Map<LocalDate, Long> dates = new HashMap<>();
        openDueDates.forEach((date, count) -> dates.put(date, Math.negateExact(count)));
        Map<String, CounterpartyTotals> parties = new HashMap<>();
        counterparties.forEach((name, totals) -> parties.put(name, totals.negate()));
        return new CurrencyTotals(
                Math.negateExact(owedByMe), Math.negateExact(owedToMe), Math.negateExact(openCount), dates, parties);
    }

    /** True when this contributes nothing. */
    public boolean isZero() {
        return owedByMe == 0 && owedToMe == 0 && openCount == 0 && openDueDates.isEmpty() && counterparties.isEmpty();
    }

    private static <K, V> Map<K, V> merge(Map<K, V> left, Map<K, V> right, BinaryOperator<V> add) {
        Map<K, V> merged = new HashMap<>(left);
        right.forEach((key, value) -> merged.merge(key, value, add));
        return merged;
    }
}
