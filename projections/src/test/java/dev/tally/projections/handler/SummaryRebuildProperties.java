package dev.tally.projections.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.tally.common.domain.Debt;
import dev.tally.common.domain.Summary;
import dev.tally.common.projection.SummaryRebuilder;
import dev.tally.common.store.StoredSummary;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.projections.SummaryProjector;
import dev.tally.projections.store.InMemorySummaryStore;
import dev.tally.testkit.PropertyCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rebuild while the stream is being projected: the {@link SummaryRebuilder} reads the debts table,
 * which is ahead of the stream (at a random later position); the rebuilt summary equals a
 * recomputation of the table, and once the stream has caught up with the position the table was read
 * at, every summary equals a recomputation of the debts again (the older records are covered by the
 * rebuilt versions, the newer ones apply on top).
 */
class SummaryRebuildProperties {

    @BeforeAll
    static void quietLogs() {
        Configurator.setLevel("dev.tally.projections", Level.ERROR);
    }

    @AfterAll
    static void restoreLogs() {
        Configurator.setLevel("dev.tally.projections", Level.INFO);
    }

    @Test
    void rebuild_whileTheStreamIsBehindTheTable_convergesToARecomputationOnceTheStreamCatchesUp() {
        PropertyCheck.forAll(
                300,
                SummaryProjectionModelProperties.cases(),
                sample -> rebuildWhileProjecting(sample.commands(), sample.deliverySeed()));
    }

    private static void rebuildWhileProjecting(List<CommandEnvelope> commands, long seed) {
        Random random = new Random(seed);
        List<ProjectionModel.Change> stream = ProjectionModel.changes(commands, random);
        InMemorySummaryStore store = new InMemorySummaryStore();
        Clock clock = Clock.systemUTC();
        SummaryProjectionHandler handler = new SummaryProjectionHandler(new SummaryProjector(store, clock));
        int rebuildAt = random.nextInt(stream.size() + 1);
        int tablePosition = rebuildAt + random.nextInt(stream.size() - rebuildAt + 1);
        Map<String, Debt> table = debtsAt(stream, tablePosition);
        SummaryRebuilder rebuilder = new SummaryRebuilder(
                userId -> table.values().stream()
                        .filter(debt -> debt.userId().equals(userId))
                        .toList(),
                store,
                clock);

        for (int consumed = 0; consumed < stream.size(); ) {
            if (consumed == rebuildAt || (consumed < rebuildAt && consumed + 8 > rebuildAt)) {
                int end = Math.max(consumed, rebuildAt);
                deliver(handler, stream.subList(consumed, end));
                consumed = end;
                for (String user : SummaryProjectionModelProperties.USERS) {
                    assertThat(rebuilder.rebuild(user).summary()).isEqualTo(expected(table, user));
                }
                rebuildAt = -1;
                continue;
            }
            int end = Math.min(stream.size(), consumed + 1 + random.nextInt(8));
            deliver(handler, stream.subList(consumed, end));
            consumed = end;
            if (rebuildAt == -1 && consumed >= tablePosition) {
                Map<String, Debt> now = debtsAt(stream, consumed);
                for (String user : SummaryProjectionModelProperties.USERS) {
                    assertThat(store.find(user).map(StoredSummary::summary).orElse(Summary.EMPTY))
                            .as("summary of %s", user)
                            .isEqualTo(expected(now, user));
                }
            }
        }
    }

    private static void deliver(SummaryProjectionHandler handler, List<ProjectionModel.Change> batch) {
        if (batch.isEmpty()) {
            return;
        }
        StreamsEventResponse response = handler.handleRequest(
                StreamEvents.event(batch.stream()
                        .map(change -> StreamEvents.record(change.sequenceNumber(), change.before(), change.after()))
                        .toList()),
                null);
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    private static Map<String, Debt> debtsAt(List<ProjectionModel.Change> stream, int position) {
        Map<String, Debt> debts = new HashMap<>();
        stream.subList(0, position).forEach(change -> change.applyTo(debts));
        return debts;
    }

    private static Summary expected(Map<String, Debt> debts, String user) {
        List<Debt> owned = new ArrayList<>(debts.values().stream()
                .filter(debt -> debt.userId().equals(user))
                .toList());
        return Summary.summaryOf(owned);
    }
}
