package dev.tally.projections.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.domain.Summary;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.projections.SummaryProjector;
import dev.tally.projections.store.FaultySummaryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The model-based check of the projection: commands of several users go through the one
 * {@link DebtDecider}, each applied decision (and some removals) becomes a stream record with old
 * and new images, and the records reach the real {@link SummaryProjectionHandler} in batches that
 * are delivered normally, twice in a row, with a store failure injected at a random call (then
 * redelivered from the sequence number the handler reported, as the event source mapping does),
 * or replayed later. After every delivery each user's stored summary must equal
 * {@code Summary.summaryOf} that user's debts as of the records consumed; after a failed delivery,
 * each user's summary must be either the one before the batch or the one after it (never a mix).
 */
final class ProjectionModel {

    /** What a run did, for statistics. */
    record Run(int records, int deliveries, int injectedFailures, int replays, int removals) {}

    private final SummaryStore store;
    private final FaultySummaryStore faulty;
    private final SummaryProjectionHandler handler;
    private final List<String> users;

    ProjectionModel(SummaryStore store, List<String> users) {
        this.store = store;
        this.faulty = new FaultySummaryStore(store);
        this.handler = new SummaryProjectionHandler(
                new SummaryProjector(faulty, Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC)));
        this.users = List.copyOf(users);
    }

    /**
     * Runs the model: {@code commands} (already interleaved, of {@link #users}) through the decider
     * into stream records, delivered as {@code seed} decides.
     */
    Run run(List<CommandEnvelope> commands, long seed) {
        Random random = new Random(seed);
        List<Change> stream = changes(commands, random);
        List<List<Change>> batches = new ArrayList<>();
        for (int start = 0; start < stream.size(); ) {
            int end = Math.min(stream.size(), start + 1 + random.nextInt(8));
            batches.add(stream.subList(start, end));
            start = end;
        }
        Map<String, Debt> consumed = new HashMap<>();
        int deliveries = 0;
        int failures = 0;
        int replays = 0;
        for (int b = 0; b < batches.size(); b++) {
            List<Change> batch = batches.get(b);
            Map<String, Summary> before = expected(consumed);
            Map<String, Debt> after = new HashMap<>(consumed);
            batch.forEach(change -> change.applyTo(after));
            Map<String, Summary> afterSummaries = expected(after);
            int action = random.nextInt(10);
            if (action < 3) {
                faulty.failAtCall(random.nextInt(2 * users.size()));
                List<Change> remaining = batch;
                while (true) {
                    String failed = deliver(remaining);
                    deliveries++;
                    faulty.disarm();
                    if (failed == null) {
                        break;
                    }
                    failures++;
                    assertEachUserAtomic(before, afterSummaries);
                    int index = indexOf(remaining, failed);
                    remaining = remaining.subList(index, remaining.size());
                    if (random.nextInt(3) == 0) {
                        faulty.failAtCall(random.nextInt(2 * users.size()));
                    }
                }
            } else {
                assertThat(deliver(batch))
                        .as("no failure without an injected one")
                        .isNull();
                deliveries++;
            }
            consumed = after;
            assertSummariesEqual(afterSummaries);
            if (action == 3) {
                assertThat(deliver(batch)).isNull();
                deliveries++;
                assertSummariesEqual(afterSummaries);
            }
            if (action == 4 || action == 5) {
                List<Change> old = batches.get(random.nextInt(b + 1));
                assertThat(deliver(old)).isNull();
                deliveries++;
                replays++;
                assertSummariesEqual(afterSummaries);
            }
        }
        int removals =
                (int) stream.stream().filter(change -> change.after == null).count();
        return new Run(stream.size(), deliveries, failures, replays, removals);
    }

    private String deliver(List<Change> batch) {
        DynamodbEvent event = StreamEvents.event(batch.stream()
                .map(change -> StreamEvents.record(change.sequenceNumber, change.before, change.after))
                .toList());
        StreamsEventResponse response = handler.handleRequest(event, null);
        assertThat(response.getBatchItemFailures()).hasSizeLessThanOrEqualTo(1);
        return response.getBatchItemFailures().isEmpty()
                ? null
                : response.getBatchItemFailures().get(0).getItemIdentifier();
    }

    private void assertSummariesEqual(Map<String, Summary> expected) {
        for (String user : users) {
            assertThat(stored(user)).as("summary of %s", user).isEqualTo(expected.get(user));
        }
    }

    private void assertEachUserAtomic(Map<String, Summary> before, Map<String, Summary> after) {
        for (String user : users) {
            assertThat(stored(user))
                    .as("summary of %s after a failed delivery", user)
                    .isIn(before.get(user), after.get(user));
        }
    }

    private Summary stored(String user) {
        return store.find(user).map(StoredSummary::summary).orElse(Summary.EMPTY);
    }

    private Map<String, Summary> expected(Map<String, Debt> debts) {
        Map<String, List<Debt>> byUser = new HashMap<>();
        users.forEach(user -> byUser.put(user, new ArrayList<>()));
        debts.values().forEach(debt -> byUser.get(debt.userId()).add(debt));
        Map<String, Summary> summaries = new HashMap<>();
        byUser.forEach((user, owned) -> summaries.put(user, Summary.summaryOf(owned)));
        return summaries;
    }

    private static int indexOf(List<Change> batch, String sequenceNumber) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sequenceNumber.equals(sequenceNumber)) {
                return i;
            }
        }
        throw new AssertionError("the handler reported " + sequenceNumber + ", which is not in the batch");
    }

    /** The decider's applied decisions as stream records, plus some removals (debt ids are never reused). */
    static List<Change> changes(List<CommandEnvelope> commands, Random random) {
        Map<String, Debt> debts = new LinkedHashMap<>();
        Set<String> removed = new HashSet<>();
        List<Change> stream = new ArrayList<>();
        for (CommandEnvelope command : commands) {
            String key = command.userId() + "/" + command.debtId();
            if (removed.contains(key)) {
                continue;
            }
            Debt before = debts.get(key);
            if (DebtDecider.decide(before, command) instanceof Decision.Applied applied) {
                debts.put(key, applied.debt());
                stream.add(new Change(sequenceNumber(stream.size()), before, applied.debt()));
            }
            if (!debts.isEmpty() && random.nextInt(25) == 0) {
                String victim = new ArrayList<>(debts.keySet()).get(random.nextInt(debts.size()));
                stream.add(new Change(sequenceNumber(stream.size()), debts.remove(victim), null));
                removed.add(victim);
            }
        }
        return stream;
    }

    private static String sequenceNumber(int index) {
        return String.format("%021d", 100_000_000L + index);
    }

    /** One stream record: a debt from {@code before} to {@code after}. */
    record Change(String sequenceNumber, Debt before, Debt after) {
        void applyTo(Map<String, Debt> debts) {
            Debt any = after != null ? after : before;
            String key = any.userId() + "/" + any.debtId();
            if (after == null) {
                debts.remove(key);
            } else {
                debts.put(key, after);
            }
        }
    }
}
