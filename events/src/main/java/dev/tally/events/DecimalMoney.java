package dev.tally.events;

/**
 * The wire shape of an amount of money: {@code {"amount": "12.34", "currency": "EUR"}}, the
 * amount always a decimal string.
 *
 * <p>This record is not validated: it is what a request body holds before {@link Money#parse}
 * checks it, and what views use for amounts that may be zero or negative (an outstanding
 * balance of {@code "0.00"}). Build view amounts with {@link #of(long, String)}.
 *
 * @param amount   the decimal string, e.g. {@code "12.34"}
 * @param currency the ISO 4217 code, e.g. {@code "EUR"}
 */
public record DecimalMoney(String amount, String currency) {

    /** The canonical decimal form of {@code minorUnits} in {@code currency} (any sign). */
    public static DecimalMoney of(long minorUnits, String currency) {
        return new DecimalMoney(Money.format(minorUnits, currency), currency);
    }

    /** Validates this as a positive {@link Money}; problem fields are {@code prefix.amount}, {@code prefix.currency}. */
    public Validated<Money> toMoney(String prefix) {
        return Money.parse(amount, currency, prefix);
    }
}
