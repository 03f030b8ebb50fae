package dev.tally.common.projection;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.Summary;
import dev.tally.common.store.AppliedVersions;
import dev.tally.common.store.DebtSource;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Recomputes one user's summary from the debts table ({@code Summary.summaryOf} the debts read by a
 * consistent query) and writes it with the same revision condition as the projector, so it can run
 * while the stream is being projected. The path for an operator after the on-failure destination
 * received records ({@code tally ops projection rebuild}), and for verifying a summary ({@code tally ops
 * projection verify}). Lives in {@code common} so the projections module and the operator CLI share it
 * (see {@code docs/adr/0081-shared-summary-rebuild.md}).
 *
 * <p>{@code debtVersions} becomes each debt's current version; tombstones of removed debts are
 * kept, and a debt the summary knew that is no longer in the table gets the tombstone
 * {@link AppliedVersions#REMOVED}, so its REMOVE record, still on its way through the stream, is not
 * subtracted a second time. A debt created and removed before the query but whose records have not
 * been projected yet shows in the summary until its REMOVE record arrives (the stream catches up).
 */
public final class SummaryRebuilder {

    private static final Logger LOG = LogManager.getLogger(SummaryRebuilder.class);

    private final DebtSource debts;
    private final SummaryStore summaries;
    private final Clock clock;

    /** A rebuilder reading {@code debts} and writing {@code summaries}. */
    public SummaryRebuilder(DebtSource debts, SummaryStore summaries, Clock clock) {
        this.debts = Objects.requireNonNull(debts, "debts");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The summary {@code userId}'s debts add up to now (nothing is written). */
    public Summary recompute(String userId) {
        return Summary.summaryOf(debts.debtsOf(userId));
    }

    /** True if the stored summary of {@code userId} equals a recomputation from the debts (no summary = empty). */
    public boolean verify(String userId) {
        StoredSummary stored = summaries.find(userId).orElse(null);
        Summary expected = recompute(userId);
        if (stored == null) {
            return expected.equals(Summary.EMPTY);
        }
        return stored.visibleSummary()
                .equals(stored.counterpartiesOmitted() ? expected.withoutCounterparties() : expected);
    }

    /**
     * Rebuilds {@code userId}'s summary from scratch and writes it.
     *
     * @return the summary written
     * @throws ConcurrentSummaryChangeException if it lost every race with the projector ({@link
     *     SummaryWriteRetry#MAX_ATTEMPTS})
     */
    public StoredSummary rebuild(String userId) {
        return SummaryWriteRetry.untilWritten(userId, attempt -> rebuildOnce(userId));
    }

    /** One attempt: the rebuilt summary if its conditional write won, empty if the summary changed meanwhile. */
    private Optional<StoredSummary> rebuildOnce(String userId) {
        StoredSummary current = summaries.find(userId).orElse(null);
        List<Debt> now = debts.debtsOf(userId);
        Map<String, Long> versions = new HashMap<>();
        if (current != null) {
            current.debtVersions()
                    .forEach((debtId, marker) ->
                            versions.put(debtId, AppliedVersions.isRemoval(marker) ? marker : AppliedVersions.REMOVED));
        }
        now.forEach(debt -> versions.put(debt.debtId(), AppliedVersions.live(debt.version())));
        long revision = current == null ? 1 : current.revision() + 1;
        StoredSummary rebuilt = new StoredSummary(userId, Summary.summaryOf(now), versions, revision, clock.instant());
        if (!summaries.save(rebuilt)) {
            return Optional.empty();
        }
        LOG.info("summary rebuilt: userId={} debts={} revision={}", userId, now.size(), revision);
        return Optional.of(rebuilt);
    }
}
