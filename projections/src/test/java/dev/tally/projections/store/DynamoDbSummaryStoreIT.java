package dev.tally.projections.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.domain.Summary;
import dev.tally.common.projection.SummaryRebuilder;
import dev.tally.common.store.AppliedVersions;
import dev.tally.common.store.DebtItem;
import dev.tally.common.store.DynamoDbDebtSource;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.events.Money;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import dev.tally.events.command.SettleDebt;
import dev.tally.projections.ChangeRecord;
import dev.tally.projections.DebtChange;
import dev.tally.projections.ProjectionOutcome;
import dev.tally.projections.SummaryProjector;
import dev.tally.projections.it.Tables;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB adapters against a real local endpoint (common's harness), with the real SDK client. */
class DynamoDbSummaryStoreIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    private static DynamoDbClient client;
    private static DynamoDbSummaryStore store;

    @BeforeAll
    static void tables() {
        client = DYNAMODB.client();
        Tables.create(client);
        store = new DynamoDbSummaryStore(client, Tables.SUMMARIES);
    }

    @Test
    void save_whenRevisionsFollowOnlyFromTheStoredOne_acceptsThemAndRefusesStaleOrDuplicateWrites() {
        Debt debt = create("user-cond", "debt-1", 1_000, "EUR");
        StoredSummary first = summary("user-cond", Summary.contribution(debt), Map.of("debt-1", 1L), 1);
        StoredSummary second = summary("user-cond", Summary.EMPTY, Map.of("debt-1", -1L), 2);

        assertThat(store.save(first)).isTrue();
        assertThat(store.save(first)).as("a second creation").isFalse();
        assertThat(store.save(summary("user-cond", Summary.EMPTY, Map.of(), 3)))
                .as("a skipped revision")
                .isFalse();
        assertThat(store.save(second)).isTrue();
        assertThat(store.save(second)).as("the same revision again").isFalse();

        assertThat(store.find("user-cond")).contains(second);
        assertThat(store.find("user-nobody")).isEmpty();
    }

    @Test
    void find_whenTheSummaryHasSeveralCurrenciesDueDatesAndCounterparties_readsBackWhatWasWritten() {
        List<Debt> debts = List.of(
                create("user-round", "d1", 1_250, "KWD"),
                create("user-round", "d2", 700, "JPY"),
                create("user-round", "d3", 99, "EUR"));
        StoredSummary written =
                summary("user-round", Summary.summaryOf(debts), Map.of("d1", 1L, "d2", 1L, "d3", 1L), 1);

        store.save(written);

        assertThat(store.find("user-round")).contains(written);
    }

    @Test
    void project_whenFourProjectorsWriteOneUsersSummaryConcurrently_countsEveryChangeExactlyOnce() throws Exception {
        String user = "user-race";
        List<List<ChangeRecord>> batches = new ArrayList<>();
        List<Debt> debts = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            List<ChangeRecord> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Debt debt = create(
                        user, "debt-" + writer + "-" + i, 100L * (writer + 1) + i, writer % 2 == 0 ? "EUR" : "JPY");
                debts.add(debt);
                batch.add(new DebtChange(writer + "-" + i, user, debt.debtId(), null, debt));
            }
            batches.add(batch);
        }
        CyclicBarrier start = new CyclicBarrier(batches.size());
        ExecutorService pool = Executors.newFixedThreadPool(batches.size());
        try {
            List<Future<Integer>> deliveries = new ArrayList<>();
            for (List<ChangeRecord> batch : batches) {
                deliveries.add(pool.submit(() -> {
                    SummaryProjector projector =
                            new SummaryProjector(new DynamoDbSummaryStore(client, Tables.SUMMARIES), CLOCK);
                    start.await();
                    int deliveriesNeeded = 1;
                    ProjectionOutcome outcome = projector.project(batch);
                    while (outcome.firstFailure().isPresent()) { // redelivered, as the event source mapping would
                        deliveriesNeeded++;
                        outcome = projector.project(batch);
                    }
                    return deliveriesNeeded;
                }));
            }
            for (Future<Integer> delivery : deliveries) {
                assertThat(delivery.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }

        StoredSummary stored = store.find(user).orElseThrow();
        assertThat(stored.summary()).isEqualTo(Summary.summaryOf(debts));
        assertThat(stored.debtVersions()).hasSize(20).containsValue(1L).doesNotContainValue(2L);
        assertThat(stored.revision()).isEqualTo(4);
    }

    @Test
    void rebuild_whenTheSummaryIsWrong_recomputesItFromTheDebtsTableKeepingTombstones() {
        String user = "user-rebuild";
        Debt open = create(user, "debt-open", 5_000, "EUR");
        Debt paid = apply(open, new RecordPayment("debt-open", Money.of(1_500, "EUR"), T0, null), "cmd-pay");
        Debt settled =
                apply(create(user, "debt-settled", 800, "KWD"), new SettleDebt("debt-settled", null), "cmd-settle");
        Debt other = create(user, "debt-jpy", 300, "JPY");
        for (Debt debt : List.of(paid, settled, other)) {
            client.putItem(request -> request.tableName(Tables.DEBTS).item(DebtItem.toItem(debt)));
        }
        client.putItem(request ->
                request.tableName(Tables.DEBTS).item(DebtItem.toItem(create("someone-else", "x", 9, "EUR"))));
        store.save(summary(
                user, Summary.contribution(open), Map.of("debt-open", 1L, "debt-gone", -4L, "debt-deleted", 3L), 1));
        SummaryRebuilder rebuilder = new SummaryRebuilder(new DynamoDbDebtSource(client, Tables.DEBTS), store, CLOCK);
        assertThat(rebuilder.verify(user)).isFalse();

        StoredSummary rebuilt = rebuilder.rebuild(user);

        assertThat(rebuilt.summary()).isEqualTo(Summary.summaryOf(List.of(paid, settled, other)));
        assertThat(rebuilt.debtVersions())
                .isEqualTo(Map.of(
                        "debt-open",
                        2L,
                        "debt-settled",
                        2L,
                        "debt-jpy",
                        1L,
                        "debt-gone",
                        -4L,
                        "debt-deleted",
                        AppliedVersions.REMOVED));
        assertThat(rebuilt.revision()).isEqualTo(2);
        assertThat(store.find(user)).contains(rebuilt);
        assertThat(rebuilder.verify(user)).isTrue();
    }

    private static StoredSummary summary(String user, Summary summary, Map<String, Long> versions, long revision) {
        return new StoredSummary(user, summary, versions, revision, CLOCK.instant());
    }

    private static Debt create(String user, String debtId, long amount, String currency) {
        CreateDebt create = new CreateDebt(
                debtId,
                new Counterparty(amount % 2 == 0 ? "Alice" : "Bob", null),
                amount % 3 == 0 ? Direction.OWED_BY_ME : Direction.OWED_TO_ME,
                Money.of(amount, currency),
                null,
                LocalDate.of(2026, 12, 1).plusDays(amount % 7));
        return ((Decision.Applied)
                        DebtDecider.decide(null, CommandEnvelope.of("cmd-" + debtId, user, T0, null, create)))
                .debt();
    }

    private static Debt apply(Debt debt, dev.tally.events.command.DebtCommand payload, String commandId) {
        return ((Decision.Applied) DebtDecider.decide(
                        debt, CommandEnvelope.of(commandId, debt.userId(), T0.plusSeconds(60), null, payload)))
                .debt();
    }
}
