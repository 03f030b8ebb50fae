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
 * The {@code summaries} table's item for a {@link StoredSummary}: the one mapping, written by the
 * projection and read by {@code GET /summary} and the operator tools.
 *
 * <p>Layout (key {@code userId} S): {@code revision} N, {@code updatedAt} S (ISO-8601),
 * {@code debtVersions} M (debt id → N), {@code currencies} M (currency code → M of
 * {@code owedByMe} N, {@code owedToMe} N, {@code openCount} N, {@code openDueDates} M
 * ({@code yyyy-MM-dd} → N open debts due that day), {@code counterparties} M (name → M of
 * {@code balance} N, {@code openCount} N)). Amounts are signed minor units of the currency.
 */
public final class SummaryItem {

    /** The key attribute. */
    public static final String USER_ID = "userId";
    /** The item's own version (optimistic concurrency). */
    public static final String REVISION = "revision";

    private SummaryItem() {
    }

    /** The item of {@code stored}. */
    public static Map<String, AttributeValue> toItem(StoredSummary stored) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(USER_ID, AttributeValue.fromS(stored.userId()));
        item.put(REVISION, n(stored.revision()));
        item.put("updatedAt", AttributeValue.fromS(stored.updatedAt().toString()));
        Map<String, AttributeValue> versions = new HashMap<>();
        stored.debtVersions().forEach((debtId, version) -> versions.put(debtId, n(version)));
        item.put("debtVersions", AttributeValue.fromM(versions));
        Map<String, AttributeValue> currencies = new HashMap<>();
        stored.summary().currencies().forEach((currency, totals) -> currencies.put(currency, totals(totals)));
        item.put("currencies", AttributeValue.fromM(currencies));
        return item;
    }

    /**
     * The stored summary in {@code item}.
     *
     * @throws IllegalStateException naming the attribute, if the item is not a valid summary item
     */
    public static StoredSummary fromItem(Map<String, AttributeValue> item) {
        try {
            Map<String, Long> versions = new HashMap<>();
            map(item, "debtVersions").forEach((debtId, version) -> versions.put(debtId, number(version, "debtVersions." + debtId)));
            Map<String, CurrencyTotals> currencies = new HashMap<>();
            map(item, "currencies").forEach((currency, totals) -> currencies.put(currency, totals(totals, "currencies." + currency)));
            return new StoredSummary(text(item, USER_ID), new Summary(currencies), versions,
                    number(required(item, REVISION), REVISION), Instant.parse(text(item, "updatedAt")));
        } catch (RuntimeException invalid) {
            AttributeValue userId = item.get(USER_ID);
            throw new IllegalStateException("summaries item " + (userId == null ? "(without userId)" : userId.s())
                    + " is not a valid summary: " + invalid.getMessage(), invalid);
        }
    }

    private static AttributeValue totals(CurrencyTotals totals) {
        Map<String, AttributeValue> dueDates = new HashMap<>();
        totals.openDueDates().forEach((date, count) -> dueDates.put(date.toString(), n(count)));
        Map<String, AttributeValue> parties = new HashMap<>();
        totals.counterparties().forEach((name, party) -> parties.put(name,
                AttributeValue.fromM(Map.of("balance", n(party.balance()), "openCount", n(party.openCount())))));
        return AttributeValue.fromM(Map.of("owedByMe", n(totals.owedByMe()), "owedToMe", n(totals.owedToMe()),
                "openCount", n(totals.openCount()), "openDueDates", AttributeValue.fromM(dueDates),
                "counterparties", AttributeValue.fromM(parties)));
    }

    private static CurrencyTotals totals(AttributeValue value, String path) {
        Map<String, AttributeValue> totals = map(value, path);
        Map<LocalDate, Long> dueDates = new HashMap<>();
        map(totals, "openDueDates").forEach((date, count) -> dueDates.put(LocalDate.parse(date),
                number(count, path + ".openDueDates." + date)));
        Map<String, CounterpartyTotals> parties = new HashMap<>();
        map(totals, "counterparties").forEach((name, party) -> {
            Map<String, AttributeValue> fields = map(party, path + ".counterparties." + name);
            parties.put(name, new CounterpartyTotals(number(required(fields, "balance"), "balance"),
                    number(required(fields, "openCount"), "openCount")));
        });
        return new CurrencyTotals(number(required(totals, "owedByMe"), path + ".owedByMe"),
                number(required(totals, "owedToMe"), path + ".owedToMe"),
                number(required(totals, "openCount"), path + ".openCount"), dueDates, parties);
    }

    private static AttributeValue required(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is missing");
        }
        return value;
    }

    private static Map<String, AttributeValue> map(Map<String, AttributeValue> item, String name) {
        return map(required(item, name), name);
    }

    private static Map<String, AttributeValue> map(AttributeValue value, String path) {
        if (!value.hasM()) {
            throw new IllegalArgumentException("attribute " + path + " is not a map (M)");
        }
        return value.m();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        String value = required(item, name).s();
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is not a string (S)");
        }
        return value;
    }

    private static long number(AttributeValue value, String path) {
        if (value.n() == null) {
            throw new IllegalArgumentException("attribute " + path + " is not a number (N)");
        }
        return Long.parseLong(value.n());
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
