package dev.tally.common.domain;

/**
 * What one counterparty contributes to a summary in one currency.
 *
 * @param balance   outstanding owed to the user minus outstanding the user owes (signed minor units)
 * @param openCount the number of OPEN debts with this counterparty in this currency
 */
public record CounterpartyTotals(long balance, long openCount) {

    /** Nothing. */
    public static final CounterpartyTotals ZERO = new CounterpartyTotals(0, 0);

    /** The sum, exactly. */
    public CounterpartyTotals plus(CounterpartyTotals other) {
        return new CounterpartyTotals(Math.addExact(balance, other.balance), Math.addExact(openCount, other.openCount));
    }

    /** The negation, exactly. */
    public CounterpartyTotals negate() {
        return new CounterpartyTotals(Math.negateExact(balance), Math.negateExact(openCount));
    }

    /** True when this contributes nothing. */
    public boolean isZero() {
        return balance == 0 && openCount == 0;
    }
}
