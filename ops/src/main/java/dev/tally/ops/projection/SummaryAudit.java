package dev.tally.ops.projection;

import dev.tally.common.domain.Summary;
import dev.tally.common.projection.SummaryRebuilder;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import java.util.List;
import java.util.Objects;

/**
 * Compares a user's stored summary with {@code Summary.summaryOf} their debts, through the same
 * {@link SummaryRebuilder} the projection uses (no summary stored counts as the empty summary).
 */
public final class SummaryAudit {

    private final SummaryRebuilder rebuilder;
    private final SummaryStore summaries;

    /** An audit recomputing with {@code rebuilder} and reading {@code summaries}. */
    public SummaryAudit(SummaryRebuilder rebuilder, SummaryStore summaries) {
        this.rebuilder = Objects.requireNonNull(rebuilder, "rebuilder");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
    }

    /** How {@code userId}'s stored summary differs from the recomputation; empty when it is right. */
    public List<String> differences(String userId) {
        Summary recomputed = rebuilder.recompute(userId);
        Summary stored = summaries.find(userId).map(StoredSummary::summary).orElse(Summary.EMPTY);
        return SummaryDifferences.between(stored, recomputed);
    }
}
