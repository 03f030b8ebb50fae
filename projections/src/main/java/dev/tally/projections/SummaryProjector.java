package dev.tally.projections;

import dev.tally.common.projection.ConcurrentSummaryChangeException;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Projects one batch of debt changes onto the per-user summaries.
 *
 * <p>The batch is grouped by user (keeping stream order within each user); each user's changes are
 * folded in memory ({@link SummaryFold}) and written once, conditioned on the summary's revision; a
 * lost race re-reads and folds again. A user's changes stop at its first {@link UnreadableRecord}:
 * later changes of that user are not applied (they will be redelivered after it). The outcome names
 * the first record, in batch order, that was not applied — the stream resumes there, and everything
 * after it is idempotent. See {@code docs/adr/0070-summary-projection-idempotency.md} and
 * {@code docs/adr/0072-projection-batch-failures.md}.
 */
public final class SummaryProjector {

    /** Conditional-write attempts per user and batch before its records are failed for redelivery. */
    public static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LogManager.getLogger(SummaryProjector.class);

    private final SummaryStore summaries;
    private final Clock clock;

    /** A projector writing to {@code summaries}, stamping {@code updatedAt} from {@code clock}. */
    public SummaryProjector(SummaryStore summaries, Clock clock) {
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Projects {@code records} (in stream order). */
    public ProjectionOutcome project(List<ChangeRecord> records) {
        int firstFailed = Integer.MAX_VALUE;
        int failed = 0;
        Map<String, List<Integer>> byUser = new LinkedHashMap<>();
        for (int index = 0; index < records.size(); index++) {
            ChangeRecord record = records.get(index);
            if (record.userId() == null) {
                logUnreadable((UnreadableRecord) record);
                firstFailed = Math.min(firstFailed, index);
                failed++;
            } else {
                byUser.computeIfAbsent(record.userId(), user -> new ArrayList<>())
                        .add(index);
            }
        }
        int applied = 0;
        int covered = 0;
        int unchanged = 0;
        for (Map.Entry<String, List<Integer>> user : byUser.entrySet()) {
            List<Integer> indexes = user.getValue();
            List<DebtChange> changes = new ArrayList<>();
            int stop = indexes.size();
            for (int i = 0; i < indexes.size() && stop == indexes.size(); i++) {
                if (records.get(indexes.get(i)) instanceof DebtChange change) {
                    changes.add(change);
                } else {
                    logUnreadable((UnreadableRecord) records.get(indexes.get(i)));
                    stop = i;
                }
            }
            if (stop < indexes.size()) {
                firstFailed = Math.min(firstFailed, indexes.get(stop));
                failed += indexes.size() - stop;
            }
            if (changes.isEmpty()) {
                continue;
            }
            try {
                SummaryFold.Result result = projectUser(user.getKey(), changes);
                applied += result.applied();
                covered += result.covered();
                unchanged += result.unchanged();
            } catch (RuntimeException fault) {
                LOG.warn(
                        "summary not written, its records will be redelivered: userId={} records={} sequenceNumber={}",
                        user.getKey(),
                        changes.size(),
                        records.get(indexes.get(0)).sequenceNumber(),
                        fault);
                firstFailed = Math.min(firstFailed, indexes.get(0));
                failed += changes.size();
            }
        }
        String failure = firstFailed == Integer.MAX_VALUE
                ? null
                : records.get(firstFailed).sequenceNumber();
        return new ProjectionOutcome(failure, applied, covered, unchanged, failed);
    }

    private SummaryFold.Result projectUser(String userId, List<DebtChange> changes) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredSummary current = summaries.find(userId).orElse(null);
            SummaryFold.Result result = SummaryFold.fold(current, userId, changes, clock.instant());
            if (!result.changed() || summaries.save(result.next())) {
                return result;
            }
            LOG.info("summary changed concurrently, folding again: userId={} attempt={}", userId, attempt);
        }
        throw new ConcurrentSummaryChangeException(userId, MAX_ATTEMPTS);
    }

    private static void logUnreadable(UnreadableRecord record) {
        LOG.error(
                "unreadable stream record reported as failed (it goes to the on-failure destination "
                        + "after the retries): sequenceNumber={} reason={}",
                record.sequenceNumber(),
                record.reason());
    }
}
