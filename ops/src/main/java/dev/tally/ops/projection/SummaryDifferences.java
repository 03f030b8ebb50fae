package dev.tally.ops.projection;

import dev.tally.common.domain.CounterpartyTotals;
import dev.tally.common.domain.CurrencyTotals;
import dev.tally.common.domain.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How a stored summary differs from a recomputed one, one line per differing figure:
 * {@code EUR owedToMe: stored 500, recomputed 300}. Counterparty names are not printed (they are
 * personal data); only how many counterparties differ.
 */
public final class SummaryDifferences {

    private SummaryDifferences() {}

    /** The differences, empty when the two are equal. */
    public static List<String> between(Summary stored, Summary recomputed) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> currencies = new TreeSet<>(stored.currencies().keySet());
        currencies.addAll(recomputed.currencies().keySet());
        for (String currency : currencies) {
            CurrencyTotals left = stored.currencies().getOrDefault(currency, CurrencyTotals.ZERO);
            CurrencyTotals right = recomputed.currencies().getOrDefault(currency, CurrencyTotals.ZERO);
            compare(differences, currency + " owedByMe", left.owedByMe(), right.owedByMe());
            compare(differences, currency + " owedToMe", left.owedToMe(), right.owedToMe());
            compare(differences, currency + " openCount", left.openCount(), right.openCount());
            if (!left.openDueDates().equals(right.openDueDates())) {
                differences.add(currency + " openDueDates: stored "
                        + left.openDueDates().size() + " due dates, recomputed "
                        + right.openDueDates().size() + " (or different counts per date)");
            }
            long parties = differingKeys(left.counterparties(), right.counterparties());
            if (parties > 0) {
                differences.add(currency + " counterparties: " + parties + " counterparty total(s) differ");
            }
        }
        return differences;
    }

    private static void compare(List<String> differences, String figure, long stored, long recomputed) {
        if (stored != recomputed) {
            differences.add(figure + ": stored " + stored + ", recomputed " + recomputed);
        }
    }

    private static long differingKeys(Map<String, CounterpartyTotals> left, Map<String, CounterpartyTotals> right) {
        TreeSet<String> names = new TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        return names.stream()
                .filter(name -> !Objects.equals(left.get(name), right.get(name)))
                .count();
    }
}
