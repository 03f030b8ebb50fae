package dev.tally.events.view;

/**
 * The balance with one counterparty in one currency: positive when they owe the user,
 * negative when the user owes them.
 *
 * @param name     the counterparty's display name
 * @param currency the currency
 * @param balance  a signed decimal string, e.g. {@code "-5.00"}
 */
public record CounterpartyBalanceView(String name, String currency, String balance) {}
