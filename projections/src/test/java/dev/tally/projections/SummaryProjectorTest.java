package dev.tally.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.domain.Summary;
import dev.tally.common.domain.TestCommands;
import dev.tally.common.projection.SummaryWriteRetry;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import dev.tally.projections.store.InMemorySummaryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryProjectorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private static final Debt CREATED =
            ((Decision.Applied) DebtDecider.decide(null, TestCommands.create("cmd-1", 10_000, "EUR"))).debt();

    @Test
    void project_whenEveryWriteLosesTheRace_failsTheUsersRecordsAfterTheAttemptLimit() {
        AlwaysConflicting store = new AlwaysConflicting();

        ProjectionOutcome outcome = new SummaryProjector(store, CLOCK).project(List.of(insert("7")));

        assertThat(outcome.firstFailure()).contains("7");
        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(store.saves).isEqualTo(SummaryWriteRetry.MAX_ATTEMPTS);
    }

    @Test
    void project_whenAnotherWriterGotThereFirstOnce_foldsAgainOnTheNewSummary() {
        InMemorySummaryStore memory = new InMemorySummaryStore();
        Debt other = ((Decision.Applied) DebtDecider.decide(
                        null,
                        TestCommands.envelope(
                                "cmd-9",
                                0,
                                new dev.tally.events.command.CreateDebt(
                                        "debt-9",
                                        new dev.tally.events.command.Counterparty("Bob", null),
                                        dev.tally.events.command.Direction.OWED_BY_ME,
                                        dev.tally.events.Money.of(300, "JPY"),
                                        null,
                                        null))))
                .debt();
        SummaryStore racing = new SummaryStore() {
            private boolean raced;

            @Override
            public Optional<StoredSummary> find(String userId) {
                return memory.find(userId);
            }

            @Override
            public boolean save(StoredSummary summary) {
                if (!raced) {
                    raced = true;
                    new SummaryProjector(memory, CLOCK)
                            .project(List.of(new DebtChange("1", other.userId(), "debt-9", null, other)));
                }
                return memory.save(summary);
            }
        };

        ProjectionOutcome outcome = new SummaryProjector(racing, CLOCK).project(List.of(insert("2")));

        assertThat(outcome.firstFailure()).isEmpty();
        assertThat(memory.find(TestCommands.USER).orElseThrow().summary())
                .isEqualTo(Summary.summaryOf(List.of(CREATED, other)));
        assertThat(memory.find(TestCommands.USER).orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void project_whenARecordHasNoUser_reportsItAndAppliesTheOthers() {
        InMemorySummaryStore memory = new InMemorySummaryStore();

        ProjectionOutcome outcome = new SummaryProjector(memory, CLOCK)
                .project(List.of(insert("1"), new UnreadableRecord("2", null, "the record has no key")));

        assertThat(outcome.firstFailure()).contains("2");
        assertThat(outcome.applied()).isEqualTo(1);
        assertThat(memory.find(TestCommands.USER)).isPresent();
    }

    private static DebtChange insert(String sequenceNumber) {
        return new DebtChange(sequenceNumber, CREATED.userId(), CREATED.debtId(), null, CREATED);
    }

    /** A store whose every write finds the summary changed. */
    private static final class AlwaysConflicting implements SummaryStore {
        int saves;

        @Override
        public Optional<StoredSummary> find(String userId) {
            return Optional.empty();
        }

        @Override
        public boolean save(StoredSummary summary) {
            saves++;
            return false;
        }
    }
}
