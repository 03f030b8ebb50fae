package dev.tally.projections;

import dev.tally.common.projection.SummaryWriteRetry;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Projects one batch of debt changes onto the per-user summaries.
 *
 * <p>The batch is grouped by user ({@link UserBatch}, keeping stream order within each user); each
 * user's changes are folded in memory ({@link SummaryFold}) and written once, conditioned on the
 * summary's revision; a lost race re-reads and folds again ({@link SummaryWriteRetry}). A user's
 * changes stop at its first {@link UnreadableRecord}: later changes of that user are not applied (they
 * will be redelivered after it). The outcome names the first record, in batch order, that was not
 * applied — the stream resumes there, and everything after it is idempotent. See {@code docs/adr/0070-summary-projection-idempotency.md} and
 * {@code docs/adr/0072-projection-batch-failures.md}.
 */
public final class SummaryProjector {

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
        BatchTally tally = new BatchTally();
        for (ChangeRecord record : records) {
            if (record.userId() == null) {
                logUnreadable((UnreadableRecord) record);
                tally.failed(List.of(record));
            }
        }
        for (UserBatch user : UserBatch.byUser(records)) {
            project(user, tally);
        }
        return tally.outcome(records);
    }

    /** Writes {@code user}'s readable changes, once; counts what it held back and what it could not write. */
    private void project(UserBatch user, BatchTally tally) {
        user.firstUnreadable().ifPresent(SummaryProjector::logUnreadable);
        tally.failed(user.held());
        if (user.changes().isEmpty()) {
            return;
        }
        try {
            tally.folded(write(user.userId(), user.changes()));
        } catch (RuntimeException fault) {
            LOG.warn(
                    "summary not written, its records will be redelivered: userId={} records={} sequenceNumber={}",
                    user.userId(),
                    user.changes().size(),
                    user.changes().get(0).sequenceNumber(),
                    fault);
            tally.failed(user.changes());
        }
    }

    /** Folds {@code changes} onto the stored summary and writes it on its revision, folding again on a lost race. */
    private SummaryFold.Result write(String userId, List<DebtChange> changes) {
        return SummaryWriteRetry.untilWritten(userId, attempt -> {
            StoredSummary current = summaries.find(userId).orElse(null);
            SummaryFold.Result result = SummaryFold.fold(current, userId, changes, clock.instant());
            if (!result.changed() || summaries.save(result.next())) {
                return Optional.of(result);
            }
            LOG.info("summary changed concurrently, folding again: userId={} attempt={}", userId, attempt);
            return Optional.empty();
        });
    }

    private static void logUnreadable(UnreadableRecord record) {
        LOG.error(
                "unreadable stream record reported as failed (it goes to the on-failure destination "
                        + "after the retries): sequenceNumber={} reason={}",
                record.sequenceNumber(),
                record.reason());
    }

    /** The counts of one batch so far, and which of its records were not applied. */
    private static final class BatchTally {
        /** By identity: the outcome names the first of them in batch order. */
        private final Set<ChangeRecord> failed = Collections.newSetFromMap(new IdentityHashMap<>());

        private int failedCount;
        private int applied;
        private int covered;
        private int unchanged;

        void failed(List<? extends ChangeRecord> records) {
            failed.addAll(records);
            failedCount += records.size();
        }

        void folded(SummaryFold.Result result) {
            applied += result.applied();
            covered += result.covered();
            unchanged += result.unchanged();
        }

        ProjectionOutcome outcome(List<ChangeRecord> batch) {
            String firstFailed = batch.stream()
                    .filter(failed::contains)
                    .findFirst()
                    .map(ChangeRecord::sequenceNumber)
                    .orElse(null);
            return new ProjectionOutcome(firstFailed, applied, covered, unchanged, failedCount);
        }
    }
}
