package dev.tally.projections;

import dev.tally.common.domain.Summary;
import dev.tally.common.store.AppliedVersions;
import dev.tally.common.store.StoredSummary;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds one user's changes, in stream order, onto that user's stored summary, in memory. Pure: the
 * {@link SummaryProjector} reads before and writes after.
 *
 * <p>Per change: if the summary's {@code debtVersions} already covers it (a duplicate, a retry, a
 * replay, an older image) it is skipped; otherwise {@code contribution(after) − contribution(before)}
 * is added and the debt's marker advances. A change whose delta is zero advances the marker in
 * memory only: if no change of the batch alters the totals, nothing is written at all, and the
 * stored marker lags behind — harmless, because a lagging marker only lets through changes that
 * are themselves zero-delta, or whose {@code before} image has the same contribution as the last
 * accounted one (see {@code docs/adr/0070-summary-projection-idempotency.md}).
 */
public final class SummaryFold {

    /**
     * The outcome of folding.
     *
     * @param next      the summary to write (revision + 1), or null when nothing changed
     * @param applied   changes that altered the totals
     * @param covered   changes already accounted for (duplicates, replays, older images)
     * @param unchanged changes whose delta was zero
     */
    public record Result(StoredSummary next, int applied, int covered, int unchanged) {

        /** True if the summary must be written. */
        public boolean changed() {
            return next != null;
        }
    }

    private SummaryFold() {}

    /**
     * Folds {@code changes} (all of {@code userId}) onto {@code current}.
     *
     * @param current the stored summary, or null when the user has none yet
     * @param now     the time to record as {@code updatedAt}
     * @throws ArithmeticException if a total would overflow
     */
    public static Result fold(StoredSummary current, String userId, List<DebtChange> changes, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Summary summary = current == null ? Summary.EMPTY : current.summary();
        Map<String, Long> versions = new HashMap<>(current == null ? Map.of() : current.debtVersions());
        int applied = 0;
        int covered = 0;
        int unchanged = 0;
        for (DebtChange change : changes) {
            if (!change.userId().equals(userId)) {
                throw new IllegalArgumentException("a change of another user was folded into " + userId + "'s summary");
            }
            long marker = change.marker();
            if (AppliedVersions.isCoveredBy(marker, versions.get(change.debtId()))) {
                covered++;
                continue;
            }
            versions.put(change.debtId(), marker);
            Summary delta = Summary.delta(change.before(), change.after());
            if (delta.isEmpty()) {
                unchanged++;
            } else {
                summary = summary.plus(delta);
                applied++;
            }
        }
        if (applied == 0) {
            return new Result(null, applied, covered, unchanged);
        }
        long revision = current == null ? 1 : current.revision() + 1;
        return new Result(
                new StoredSummary(
                        userId, summary, versions, revision, now, current != null && current.counterpartiesOmitted()),
                applied,
                covered,
                unchanged);
    }
}
