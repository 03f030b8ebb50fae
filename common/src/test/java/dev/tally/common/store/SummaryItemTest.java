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

    private static final StoredSummary STORED = new StoredSummary("user-1", new Summary(Map.of(
            "EUR", new CurrencyTotals(1_500, 10_000, 3, Map.of(LocalDate.of(2026, 12, 1), 2L),
                    Map.of("Alice", new CounterpartyTotals(10_000, 2), "Bob", new CounterpartyTotals(-1_500, 1))),
            "JPY", new CurrencyTotals(0, 700, 1, Map.of(), Map.of("Carol", new CounterpartyTotals(700, 1))))),
            Map.of("debt-1", 3L, "debt-2", 1L, "debt-gone", -4L), 7, Instant.parse("2026-11-27T12:00:00Z"));

    @Test
    void toItem_whenReadBack_givesAnEqualStoredSummary() {
        assertThat(SummaryItem.fromItem(SummaryItem.toItem(STORED))).isEqualTo(STORED);
    }

    @Test
    void toItem_whenCalled_writesNumbersAsNAndDueDatesAsIsoKeys() {
        Map<String, AttributeValue> item = SummaryItem.toItem(STORED);

        assertThat(item.get("userId").s()).isEqualTo("user-1");
        assertThat(item.get("revision").n()).isEqualTo("7");
        assertThat(item.get("debtVersions").m().get("debt-gone").n()).isEqualTo("-4");
        Map<String, AttributeValue> eur = item.get("currencies").m().get("EUR").m();
        assertThat(eur.get("owedToMe").n()).isEqualTo("10000");
        assertThat(eur.get("openDueDates").m()).containsOnlyKeys("2026-12-01");
        assertThat(eur.get("counterparties").m().get("Bob").m().get("balance").n()).isEqualTo("-1500");
    }

    @Test
    void fromItem_whenANestedNumberIsMissing_failsNamingItsPathAndTheUser() {
        Map<String, AttributeValue> item = new HashMap<>(SummaryItem.toItem(STORED));
        Map<String, AttributeValue> currencies = new HashMap<>(item.get("currencies").m());
        Map<String, AttributeValue> jpy = new HashMap<>(currencies.get("JPY").m());
        jpy.remove("owedByMe");
        currencies.put("JPY", AttributeValue.fromM(jpy));
        item.put("currencies", AttributeValue.fromM(currencies));

        assertThatThrownBy(() -> SummaryItem.fromItem(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user-1")
                .hasMessageContaining("owedByMe");
    }
}
