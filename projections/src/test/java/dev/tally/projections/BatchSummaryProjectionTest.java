package dev.tally.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.domain.TestCommands;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryBatchUnit;
import dev.tally.projections.store.InMemorySummaryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The batch projection's choice between its unit and the direct projector (ADR 0118). */
class BatchSummaryProjectionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private static final Debt CREATED =
            ((Decision.Applied) DebtDecider.decide(null, TestCommands.create("cmd-1", 10_000, "EUR"))).debt();

    private final InMemorySummaryStore direct = new InMemorySummaryStore();
    private final List<Set<String>> begun = new ArrayList<>();

    @Test
    void project_whenTheUnitCommits_writesThroughTheUnitOnly() {
        RecordingUnit unit = new RecordingUnit(false);

        ProjectionOutcome outcome = projection(unit).project(List.of(insert("1")));

        assertThat(outcome.applied()).isEqualTo(1);
        assertThat(outcome.firstFailure()).isEmpty();
        assertThat(begun).containsExactly(Set.of(CREATED.userId()));
        assertThat(unit.committed).hasSize(1);
        assertThat(direct.find(CREATED.userId())).isEmpty();
    }

    @Test
    void project_whenTheUnitDoesNotCommit_projectsTheBatchDirectly() {
        ProjectionOutcome outcome = projection(new RecordingUnit(true)).project(List.of(insert("1")));

        assertThat(outcome.applied()).isEqualTo(1);
        assertThat(direct.find(CREATED.userId())).isPresent();
    }

    @Test
    void project_whenARecordIsUnreadable_neverBeginsAUnit_andReportsItAsTheDirectProjectorDoes() {
        ProjectionOutcome outcome = projection(new RecordingUnit(false))
                .project(List.of(insert("1"), new UnreadableRecord("2", CREATED.userId(), "no new image")));

        assertThat(begun).isEmpty();
        assertThat(outcome.firstFailure()).contains("2");
        assertThat(direct.find(CREATED.userId())).isPresent();
    }

    private BatchSummaryProjection projection(RecordingUnit unit) {
        return new BatchSummaryProjection(
                users -> {
                    begun.add(users);
                    return unit;
                },
                new SummaryProjector(direct, CLOCK),
                CLOCK);
    }

    private static DebtChange insert(String sequenceNumber) {
        return new DebtChange(sequenceNumber, CREATED.userId(), CREATED.debtId(), null, CREATED);
    }

    /** A unit over an empty table that keeps what it would write. */
    private static final class RecordingUnit implements SummaryBatchUnit {
        private final boolean failCommit;
        private final List<StoredSummary> saved = new ArrayList<>();
        final List<StoredSummary> committed = new ArrayList<>();

        RecordingUnit(boolean failCommit) {
            this.failCommit = failCommit;
        }

        @Override
        public Optional<StoredSummary> find(String userId) {
            return saved.stream().filter(s -> s.userId().equals(userId)).reduce((a, b) -> b);
        }

        @Override
        public boolean save(StoredSummary summary) {
            saved.add(summary);
            return true;
        }

        @Override
        public void commit() {
            if (failCommit) {
                throw new IllegalStateException("simulated cancelled transaction");
            }
            committed.addAll(saved);
        }
    }
}
