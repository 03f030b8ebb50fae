package dev.tally.common.store;

import dev.tally.common.domain.CounterpartyTotals;
import dev.tally.common.domain.CurrencyTotals;
import dev.tally.common.domain.Summary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code summaries} table's item for a {@link StoredSummary}: the one mapping, shared by the
 * projection (which writes it) and the query routes (which read it); see ADR 0077.
 *
 * <p>Key {@code userId} (S). {@code updatedAt} is an ISO-8601 S. {@code currencies} is a map
 * currency code → map of {@code owedByMe}, {@code owedToMe}, {@code openCount} (N, minor units and
 * counts), {@code openDueDates} (map {@code yyyy-MM-dd} → N open debts due that day, so overdue
 * counts are computed at read time) and {@code counterparties} (map name → map of {@code balance}
 * and {@code openCount}, N). Attributes other than these (a writer's bookkeeping, such as the debt
 * versions a projection has applied) are ignored when reading.
 */
public final class SummaryItem {

    /** The partition key attribute. */
    public static final String USER_ID = "userId";
    /** The totals per currency. */
    public static final String CURRENCIES = "currencies";
    /** When the summary last changed. */
    public static final String UPDATED_AT = "updatedAt";

    private SummaryItem() {
    }

    /** The primary key of a user's summary. */
    public static Map<String, AttributeValue> key(String userId) {
        return Map.of(USER_ID, AttributeValue.fromS(userId));
    }

    /** The item of {@code stored} (a mutable map: a writer may add its own attributes). */
    public static Map<String, AttributeValue> toItem(StoredSummary stored) {
        Map<String, AttributeValue> currencies = new HashMap<>();
        stored.summary().currencies().forEach((currency, totals) -> currencies.put(currency, totals(totals)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(USER_ID, AttributeValue.fromS(stored.userId()));
        item.put(CURRENCIES, AttributeValue.fromM(currencies));
        item.put(UPDATED_AT, AttributeValue.fromS(stored.updatedAt().toString()));
        return item;
    }

    /**
     * The summary in {@code item}.
     *
     * @throws IllegalStateException naming the attribute, if the item is not a valid summary item
     */
    public static StoredSummary fromItem(Map<String, AttributeValue> item) {
        try {
            Map<String, CurrencyTotals> currencies = new HashMap<>();
            Attributes.map(item, CURRENCIES).forEach((currency, totals) ->
                    currencies.put(currency, totals(Attributes.asMap(totals, CURRENCIES + "." + currency))));
            return new StoredSummary(Attributes.text(item, USER_ID), new Summary(currencies),
                    Instant.parse(Attributes.text(item, UPDATED_AT)));
        } catch (RuntimeException invalid) {
            throw new IllegalStateException("summaries item is not a valid summary: "
                    + invalid.getClass().getSimpleName() + ": " + invalid.getMessage(), invalid);
        }
    }

    private static AttributeValue totals(CurrencyTotals totals) {
        Map<String, AttributeValue> dueDates = new HashMap<>();
        totals.openDueDates().forEach((date, count) -> dueDates.put(date.toString(), Attributes.n(count)));
        Map<String, AttributeValue> parties = new HashMap<>();
        totals.counterparties().forEach((name, party) -> parties.put(name, AttributeValue.fromM(Map.of(
                "balance", Attributes.n(party.balance()), "openCount", Attributes.n(party.openCount())))));
        return AttributeValue.fromM(Map.of(
                "owedByMe", Attributes.n(totals.owedByMe()),
                "owedToMe", Attributes.n(totals.owedToMe()),
                "openCount", Attributes.n(totals.openCount()),
                "openDueDates", AttributeValue.fromM(dueDates),
                "counterparties", AttributeValue.fromM(parties)));
    }

    private static CurrencyTotals totals(Map<String, AttributeValue> map) {
        Map<LocalDate, Long> dueDates = new HashMap<>();
        Attributes.map(map, "openDueDates").forEach((date, count) ->
                dueDates.put(LocalDate.parse(date), Attributes.asNumber(count, "openDueDates." + date)));
        Map<String, CounterpartyTotals> parties = new HashMap<>();
        Attributes.map(map, "counterparties").forEach((name, party) -> {
            Map<String, AttributeValue> fields = Attributes.asMap(party, "counterparties." + name);
            parties.put(name, new CounterpartyTotals(Attributes.number(fields, "balance"),
                    Attributes.number(fields, "openCount")));
        });
        return new CurrencyTotals(Attributes.number(map, "owedByMe"), Attributes.number(map, "owedToMe"),
                Attributes.number(map, "openCount"), dueDates, parties);
    }
}
