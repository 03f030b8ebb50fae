package dev.tally.common.store;

import dev.tally.common.domain.CounterpartyTotals;
import dev.tally.common.domain.CurrencyTotals;
import dev.tally.common.domain.Summary;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
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
 *
 * <p>Bounded size (see {@code docs/adr/0147-bounded-summary-item.md}): a {@code debtVersions} key is
 * the debt id in compact form (a UUID as 22 base64url characters of its 16 bytes; any other id as
 * {@code ~} + the id; a 36-character key of an older item is read as it is), and an item whose
 * {@link ItemSize} would pass {@link #BUDGET_BYTES} is written without the per-counterparty maps and
 * with {@code counterpartiesOmitted} BOOL true (absent: false). Totals, counts and due dates are
 * always kept.
 */
public final class SummaryItem {

    /** The key attribute. */
    public static final String USER_ID = "userId";
    /** The item's own version (optimistic concurrency). */
    public static final String REVISION = "revision";
    /** Set (true) when the per-counterparty maps were left out to keep the item within its budget. */
    public static final String COUNTERPARTIES_OMITTED = "counterpartiesOmitted";
    /** The size a summary item may take: DynamoDB's 400 KB less a margin for the attribute overheads. */
    public static final int BUDGET_BYTES = 350 * 1024;

    private static final Logger LOG = LogManager.getLogger(SummaryItem.class);
    private static final String RAW_ID = "~";
    private static final int COMPACT_UUID_LENGTH = 22;

    private SummaryItem() {}

    /** The item of {@code stored}. */
    public static Map<String, AttributeValue> toItem(StoredSummary stored) {
        if (!stored.counterpartiesOmitted()) {
            Map<String, AttributeValue> item = toItem(stored, true);
            long size = ItemSize.of(item);
            if (size <= BUDGET_BYTES) {
                return item;
            }
            LOG.warn(
                    "summary item over its size budget, written without counterparty balances: userId={} bytes={} budget={}",
                    stored.userId(),
                    size,
                    BUDGET_BYTES);
        }
        return toItem(stored, false);
    }

    private static Map<String, AttributeValue> toItem(StoredSummary stored, boolean withCounterparties) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(USER_ID, AttributeValue.fromS(stored.userId()));
        item.put(REVISION, n(stored.revision()));
        item.put("updatedAt", AttributeValue.fromS(stored.updatedAt().toString()));
        Map<String, AttributeValue> versions = new HashMap<>();
        stored.debtVersions().forEach((debtId, version) -> versions.put(compactKey(debtId), n(version)));
        item.put("debtVersions", AttributeValue.fromM(versions));
        Map<String, AttributeValue> currencies = new HashMap<>();
        stored.summary()
                .currencies()
                .forEach((currency, totals) -> currencies.put(currency, totals(totals, withCounterparties)));
        item.put("currencies", AttributeValue.fromM(currencies));
        if (!withCounterparties) {
            item.put(COUNTERPARTIES_OMITTED, AttributeValue.fromBool(true));
        }
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
            map(item, "debtVersions")
                    .forEach((key, version) -> versions.put(debtId(key), number(version, "debtVersions." + key)));
            Map<String, CurrencyTotals> currencies = new HashMap<>();
            map(item, "currencies")
                    .forEach((currency, totals) -> currencies.put(currency, totals(totals, "currencies." + currency)));
            AttributeValue omitted = item.get(COUNTERPARTIES_OMITTED);
            return new StoredSummary(
                    text(item, USER_ID),
                    new Summary(currencies),
                    versions,
                    number(required(item, REVISION), REVISION),
                    Instant.parse(text(item, "updatedAt")),
                    omitted != null && Boolean.TRUE.equals(omitted.bool()));
        } catch (RuntimeException invalid) {
            AttributeValue userId = item.get(USER_ID);
            throw new IllegalStateException(
                    "summaries item " + (userId == null ? "(without userId)" : userId.s()) + " is not a valid summary: "
                            + invalid.getMessage(),
                    invalid);
        }
    }

    /** The {@code debtVersions} key of {@code debtId}: 22 characters for a UUID, else {@code ~} + the id. */
    static String compactKey(String debtId) {
        UUID uuid = uuidOrNull(debtId);
        if (uuid == null) {
            return RAW_ID + debtId;
        }
        ByteBuffer bytes =
                ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The debt id of a {@code debtVersions} key (compact, or an older item's plain id). */
    static String debtId(String key) {
        if (key.startsWith(RAW_ID)) {
            return key.substring(RAW_ID.length());
        }
        if (key.length() != COMPACT_UUID_LENGTH) {
            return key;
        }
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(key));
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    private static UUID uuidOrNull(String debtId) {
        if (debtId.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(debtId);
            return uuid.toString().equals(debtId) ? uuid : null;
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }

    private static AttributeValue totals(CurrencyTotals totals, boolean withCounterparties) {
        Map<String, AttributeValue> dueDates = new HashMap<>();
        totals.openDueDates().forEach((date, count) -> dueDates.put(date.toString(), n(count)));
        Map<String, AttributeValue> parties = new HashMap<>();
        totals.counterparties()
                .forEach((name, party) -> parties.put(
                        name,
                        AttributeValue.fromM(
                                Map.of("balance", n(party.balance()), "openCount", n(party.openCount())))));
        Map<String, AttributeValue> fields = new HashMap<>(Map.of(
                "owedByMe",
                n(totals.owedByMe()),
                "owedToMe",
                n(totals.owedToMe()),
                "openCount",
                n(totals.openCount()),
                "openDueDates",
                AttributeValue.fromM(dueDates)));
        if (withCounterparties) {
            fields.put("counterparties", AttributeValue.fromM(parties));
        }
        return AttributeValue.fromM(fields);
    }

    private static CurrencyTotals totals(AttributeValue value, String path) {
        Map<String, AttributeValue> totals = map(value, path);
        Map<LocalDate, Long> dueDates = new HashMap<>();
        map(totals, "openDueDates")
                .forEach((date, count) ->
                        dueDates.put(LocalDate.parse(date), number(count, path + ".openDueDates." + date)));
        Map<String, CounterpartyTotals> parties = new HashMap<>();
        Map<String, AttributeValue> storedParties =
                totals.containsKey("counterparties") ? map(totals, "counterparties") : Map.of();
        storedParties.forEach((name, party) -> {
            Map<String, AttributeValue> fields = map(party, path + ".counterparties." + name);
            parties.put(
                    name,
                    new CounterpartyTotals(
                            number(required(fields, "balance"), "balance"),
                            number(required(fields, "openCount"), "openCount")));
        });
        return new CurrencyTotals(
                number(required(totals, "owedByMe"), path + ".owedByMe"),
                number(required(totals, "owedToMe"), path + ".owedToMe"),
                number(required(totals, "openCount"), path + ".openCount"),
                dueDates,
                parties);
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
