package dev.tally.events.view;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's summary, as {@code GET /summary} shows it.
 *
 * @param userId         the user
 * @param currencies     totals per ISO 4217 currency code (sorted by code)
 * @param counterparties balances per counterparty and currency
 * @param updatedAt      when the summary last changed
 */
public record SummaryView(
        String userId,
        Map<String, CurrencySummaryView> currencies,
        List<CounterpartyBalanceView> counterparties,
        Instant updatedAt) {

    public SummaryView {
        currencies = currencies == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(currencies));
        counterparties = counterparties == null ? List.of() : List.copyOf(counterparties);
    }
}
