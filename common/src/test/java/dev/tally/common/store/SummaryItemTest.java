package dev.tally.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.common.domain.CounterpartyTotals;
import dev.tally.common.domain.CurrencyTotals;
import dev.tally.common.domain.Summary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SummaryItemTest {

    private static final Instant UPDATED = Instant.parse("2026-11-27T10:15:30Z");

    private static final Summary TWO_CURRENCIES = new Summary(Map.of(
            "EUR",
                    new CurrencyTotals(
                            1_500,
                            4_000,
                            3,
                            Map.of(LocalDate.of(2026, 11, 26), 1L, LocalDate.of(2026, 12, 31), 2L),
                            Map.of(
                                    "Alice",
                                    new CounterpartyTotals(4_000, 2),
                                    "Bob",
                                    new CounterpartyTotals(-1_500, 1))),
            "JPY", new CurrencyTotals(0, 700, 1, Map.of(), Map.of("Chiyo", new CounterpartyTotals(700, 1)))));

    @Test
    void toItem_whenReadBack_givesAnEqualSummary() {
        StoredSummary stored =
                new StoredSummary("user-1", TWO_CURRENCIES, Map.of("debt-1", 3L, "debt-2", -2L), 7, UPDATED);

        assertThat(SummaryItem.fromItem(SummaryItem.toItem(stored))).isEqualTo(stored);
    }

    @Test
    void toItem_whenCalled_writesNumbersAndDueDatesAsMapKeys() {
        Map<String, AttributeValue> item = SummaryItem.toItem(
                new StoredSummary("user-1", TWO_CURRENCIES, Map.of("debt-1", 3L, "debt-2", -2L), 7, UPDATED));

        assertThat(item.get("userId").s()).isEqualTo("user-1");
        assertThat(item.get("updatedAt").s()).isEqualTo("2026-11-27T10:15:30Z");
        Map<String, AttributeValue> eur = item.get("currencies").m().get("EUR").m();
        assertThat(eur.get("owedByMe").n()).isEqualTo("1500");
        assertThat(eur.get("openDueDates").m().get("2026-12-31").n()).isEqualTo("2");
        assertThat(eur.get("counterparties").m().get("Bob").m().get("balance").n())
                .isEqualTo("-1500");
    }

    @Test
    void toItem_whenCalled_writesTheProjectionsBookkeeping() {
        Map<String, AttributeValue> item =
                SummaryItem.toItem(new StoredSummary("user-1", Summary.EMPTY, Map.of("debt-1", -4L), 2, UPDATED));

        assertThat(item.get("revision").n()).isEqualTo("2");
        assertThat(item.get("debtVersions").m().get("~debt-1").n())
                .as("a non-UUID id, kept behind ~")
                .isEqualTo("-4");
        assertThat(SummaryItem.fromItem(item).summary()).isEqualTo(Summary.EMPTY);
    }

    @Test
    void fromItem_whenANestedNumberIsMissing_failsNamingIt() {
        Map<String, AttributeValue> item = SummaryItem.toItem(
                new StoredSummary("user-1", TWO_CURRENCIES, Map.of("debt-1", 3L, "debt-2", -2L), 7, UPDATED));
        Map<String, AttributeValue> currencies =
                new HashMap<>(item.get("currencies").m());
        Map<String, AttributeValue> eur = new HashMap<>(currencies.get("EUR").m());
        eur.remove("openCount");
        currencies.put("EUR", AttributeValue.fromM(eur));
        item.put("currencies", AttributeValue.fromM(currencies));

        assertThatThrownBy(() -> SummaryItem.fromItem(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openCount");
    }
}
