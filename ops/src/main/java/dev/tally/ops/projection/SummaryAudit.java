package dev.tally.ops.projection;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.Summary;
import dev.tally.common.store.AppliedVersions;
import dev.tally.common.store.DebtSource;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a user's stored summary against their debts and tells a summary that is only behind the
 * stream (<em>lagging</em>: some debt version is not in its {@code debtVersions} yet) from one that is
 * damaged (<em>diverged</em>: every version is accounted for, yet the totals differ from
 * {@code Summary.summaryOf} the debts). No summary stored counts as the empty summary with no versions.
 */
public final class SummaryAudit {

    private final DebtSource debts;
    private final SummaryStore summaries;

    /** An audit reading {@code debts} and {@code summaries}. */
    public SummaryAudit(DebtSource debts, SummaryStore summaries) {
        this.debts = Objects.requireNonNull(debts, "debts");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
    }

    /** The verdict on {@code userId}; a failure to read or add up is a FAILED verdict, never an exception. */
    public UserCheck check(String userId) {
        try {
            StoredSummary stored = summaries.find(userId).orElse(null);
            List<Debt> now = debts.debtsOf(userId);
            Summary recomputed = Summary.summaryOf(now);
            boolean omitted = stored != null && stored.counterpartiesOmitted();
            List<String> differences = SummaryDifferences.between(
                    stored == null ? Summary.EMPTY : stored.visibleSummary(),
                    omitted ? recomputed.withoutCounterparties() : recomputed);
            String lag = lag(stored == null ? Map.of() : stored.debtVersions(), now);
            if (lag != null) {
                return new UserCheck(userId, UserCheck.State.LAGGING, differences, lag);
            }
            return new UserCheck(
                    userId,
                    differences.isEmpty() ? UserCheck.State.CLEAN : UserCheck.State.DIVERGED,
                    differences,
                    null);
        } catch (RuntimeException unreadable) {
            return new UserCheck(userId, UserCheck.State.FAILED, List.of(), describe(unreadable));
        }
    }

    /** How the summary's applied versions are behind the debts, or null when they are not. */
    static String lag(Map<String, Long> applied, List<Debt> now) {
        int behind = 0;
        List<String> ids = new ArrayList<>();
        Map<String, Debt> current = new HashMap<>();
        for (Debt debt : now) {
            current.put(debt.debtId(), debt);
            if (!AppliedVersions.isCoveredBy(AppliedVersions.live(debt.version()), applied.get(debt.debtId()))) {
                behind++;
                ids.add(debt.debtId());
            }
        }
        int removals = 0;
        for (Map.Entry<String, Long> entry : applied.entrySet()) {
            if (!AppliedVersions.isRemoval(entry.getValue()) && !current.containsKey(entry.getKey())) {
                removals++;
            }
        }
        if (behind == 0 && removals == 0) {
            return null;
        }
        return behind + " debt version(s) not yet projected"
                + (removals > 0 ? ", " + removals + " removal(s) not yet projected" : "");
    }

    /** The failure's kind and, for our own checks, its message; never item contents from the SDK. */
    static String describe(RuntimeException failure) {
        String kind = failure.getClass().getSimpleName();
        if (failure instanceof ArithmeticException) {
            return kind + ": the totals overflow";
        }
        if (failure instanceof software.amazon.awssdk.core.exception.SdkException) {
            return kind + ": an AWS call failed";
        }
        return kind + ": an item could not be read ("
                + (failure.getMessage() == null ? "no detail" : firstLine(failure.getMessage())) + ")";
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
