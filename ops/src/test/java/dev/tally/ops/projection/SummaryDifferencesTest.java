package dev.tally.ops.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.CounterpartyTotals;
import dev.tally.common.domain.CurrencyTotals;
import dev.tally.common.domain.Summary;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryDifferencesTest {

    private static final CurrencyTotals EUR = new CurrencyTotals(
            100, 300, 2, Map.of(LocalDate.of(2026, 12, 1), 1L), Map.of("Alice", new CounterpartyTotals(200, 2)));

    @Test
    void between_whenEqual_isEmpty() {
        assertThat(SummaryDifferences.between(new Summary(Map.of("EUR", EUR)), new Summary(Map.of("EUR", EUR))))
                .isEmpty();
    }

    @Test
    void between_whenACurrencyIsMissingOnOneSide_listsEachFigureAgainstZero() {
        assertThat(SummaryDifferences.between(Summary.EMPTY, new Summary(Map.of("EUR", EUR))))
                .containsExactly(
                        "EUR owedByMe: stored 0, recomputed 100",
                        "EUR owedToMe: stored 0, recomputed 300",
                        "EUR openCount: stored 0, recomputed 2",
                        "EUR openDueDates: stored 0 due dates, recomputed 1 (or different counts per date)",
                        "EUR counterparties: 1 counterparty total(s) differ");
    }

    @Test
    void between_whenOnlyACounterpartyDiffers_countsItWithoutNamingIt() {
        CurrencyTotals other =
                new CurrencyTotals(100, 300, 2, EUR.openDueDates(), Map.of("Alice", new CounterpartyTotals(150, 2)));

        assertThat(SummaryDifferences.between(new Summary(Map.of("EUR", EUR)), new Summary(Map.of("EUR", other))))
                .containsExactly("EUR counterparties: 1 counterparty total(s) differ")
                .noneMatch(line -> line.contains("Alice"));
    }
}
