package dev.tally.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.CounterpartyTotals;
import dev.tally.common.domain.CurrencyTotals;
import dev.tally.common.domain.Summary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The summary item stays within {@link SummaryItem#BUDGET_BYTES} for the largest users (ADR 0147). */
class SummaryItemSizeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final int NAME_LENGTH = 200;

    @Test
    void toItem_with500OpenDebtsOfDistinctLongAstralNames_staysWithinBudgetAndKeepsTheTotals() {
        StoredSummary stored = openDebts(500, "\uD834\uDD1E");

        Map<String, AttributeValue> item = SummaryItem.toItem(stored);

        assertThat(ItemSize.of(item)).isLessThanOrEqualTo(SummaryItem.BUDGET_BYTES);
        StoredSummary read = SummaryItem.fromItem(item);
        assertThat(read.counterpartiesOmitted()).isTrue();
        assertThat(read.debtVersions()).isEqualTo(stored.debtVersions());
        assertThat(read.visibleSummary()).isEqualTo(stored.summary().withoutCounterparties());
        assertThat(read.visibleSummary().currencies().get("EUR").openCount()).isEqualTo(500);
    }

    @Test
    void toItem_with500OpenDebtsOfDistinctLongAsciiNames_fitsWithTheCounterpartyBalances() {
        StoredSummary stored = openDebts(500, "x");

        Map<String, AttributeValue> item = SummaryItem.toItem(stored);

        assertThat(ItemSize.of(item)).isLessThanOrEqualTo(SummaryItem.BUDGET_BYTES);
        assertThat(SummaryItem.fromItem(item)).isEqualTo(stored);
    }

    @Test
    void toItem_with10000ClosedDebts_staysWithinBudget() {
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            versions.put(UUID.randomUUID().toString(), 3L);
        }
        StoredSummary stored = new StoredSummary("user-closed", Summary.EMPTY, versions, 7, NOW);

        Map<String, AttributeValue> item = SummaryItem.toItem(stored);

        assertThat(ItemSize.of(item)).isLessThanOrEqualTo(SummaryItem.BUDGET_BYTES);
        assertThat(SummaryItem.fromItem(item)).isEqualTo(stored);
    }

    @Test
    void toItem_onceCounterpartiesWereOmitted_keepsOmittingThemEvenWhenSmall() {
        StoredSummary stored =
                new StoredSummary("user-small", openDebts(1, "x").summary(), Map.of("debt-1", 1L), 2, NOW, true);

        StoredSummary read = SummaryItem.fromItem(SummaryItem.toItem(stored));

        assertThat(read.counterpartiesOmitted()).isTrue();
        assertThat(read.summary().currencies().get("EUR").counterparties()).isEmpty();
    }

    @Test
    void debtVersionKeys_compactUuidsAndKeepOtherIdsAndOlderItemsReadable() {
        String uuid = "0190f1e2-3c4d-7e5f-8a6b-1c2d3e4f5a6b";

        assertThat(SummaryItem.compactKey(uuid)).hasSize(22);
        assertThat(SummaryItem.debtId(SummaryItem.compactKey(uuid))).isEqualTo(uuid);
        assertThat(SummaryItem.debtId(SummaryItem.compactKey("debt-1"))).isEqualTo("debt-1");
        assertThat(SummaryItem.debtId(SummaryItem.compactKey("abcdefghijklmnopqrstuv")))
                .isEqualTo("abcdefghijklmnopqrstuv");
        assertThat(SummaryItem.debtId(uuid))
                .as("a key written before compaction")
                .isEqualTo(uuid);
    }

    private static StoredSummary openDebts(int count, String unit) {
        Map<String, Long> versions = new HashMap<>();
        Map<String, CounterpartyTotals> parties = new HashMap<>();
        Map<LocalDate, Long> dueDates = new HashMap<>();
        for (int i = 0; i < count; i++) {
            versions.put(UUID.randomUUID().toString(), 1L);
            parties.put(longName(i, unit), new CounterpartyTotals(-123_456_789L - i, 1));
            dueDates.merge(LocalDate.of(2027, 1, 1).plusDays(i), 1L, Long::sum);
        }
        long owed = 0;
        for (CounterpartyTotals party : parties.values()) {
            owed -= party.balance();
        }
        CurrencyTotals eur = new CurrencyTotals(owed, 0, count, dueDates, parties);
        return new StoredSummary("user-big", new Summary(Map.of("EUR", eur)), versions, 3, NOW);
    }

    private static String longName(int index, String unit) {
        String prefix = index + "-";
        return prefix + unit.repeat(NAME_LENGTH - prefix.length());
    }
}
