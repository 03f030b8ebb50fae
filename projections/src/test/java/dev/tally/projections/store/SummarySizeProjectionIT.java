package dev.tally.projections.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.domain.Summary;
import dev.tally.common.projection.SummaryRebuilder;
import dev.tally.common.store.DebtItem;
import dev.tally.common.store.DynamoDbDebtSource;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.ItemSize;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryItem;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.events.Limits;
import dev.tally.events.Money;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.DebtCommand;
import dev.tally.events.command.Direction;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The largest users' summaries through the projector and the rebuilder on the embedded DynamoDB
 * (which refuses items over 400 KB like DynamoDB): written, correct in totals, nothing failed
 * (ADR 0147).
 */
class SummarySizeProjectionIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    private static final int BATCH = 100;

    private static DynamoDbClient client;
    private static DynamoDbSummaryStore store;

    @BeforeAll
    static void tables() {
        client = DYNAMODB.client();
        Tables.create(client);
        store = new DynamoDbSummaryStore(client, Tables.SUMMARIES);
    }

    @Test
    void project_500OpenDebtsWithDistinctLongAstralCounterparties_writesTheSummaryWithNothingFailed() {
        String user = "user-many-names";
        List<Debt> debts = new ArrayList<>();
        List<ChangeRecord> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Debt debt = create(user, i, astralName(i));
            debts.add(debt);
            records.add(new DebtChange("seq-" + i, user, debt.debtId(), null, debt));
        }

        projectInBatches(records);

        StoredSummary stored = store.find(user).orElseThrow();
        assertThat(stored.counterpartiesOmitted()).isTrue();
        assertThat(stored.visibleSummary()).isEqualTo(Summary.summaryOf(debts).withoutCounterparties());
        assertThat(stored.debtVersions()).hasSize(500);
        assertThat(storedBytes(user)).isLessThanOrEqualTo(SummaryItem.BUDGET_BYTES);

        debts.forEach(debt ->
                client.putItem(request -> request.tableName(Tables.DEBTS).item(DebtItem.toItem(debt))));
        SummaryRebuilder rebuilder = new SummaryRebuilder(new DynamoDbDebtSource(client, Tables.DEBTS), store, CLOCK);
        assertThat(rebuilder.verify(user)).isTrue();
        StoredSummary rebuilt = rebuilder.rebuild(user);
        assertThat(rebuilt.summary()).isEqualTo(Summary.summaryOf(debts));
        assertThat(store.find(user).orElseThrow().visibleSummary())
                .isEqualTo(Summary.summaryOf(debts).withoutCounterparties());
        assertThat(storedBytes(user)).isLessThanOrEqualTo(SummaryItem.BUDGET_BYTES);
        assertThat(rebuilder.verify(user)).isTrue();
    }

    @Test
    void project_10000ClosedDebts_writesABoundedSummaryWithNothingFailed() {
        String user = "user-many-closed";
        List<ChangeRecord> records = new ArrayList<>();
        List<Debt> settled = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Debt debt = create(user, i, "Counterparty " + i);
            Debt closed = apply(debt, new SettleDebt(debt.debtId(), null));
            settled.add(closed);
            records.add(new DebtChange("seq-" + i + "-1", user, debt.debtId(), null, debt));
            records.add(new DebtChange("seq-" + i + "-2", user, debt.debtId(), debt, closed));
        }
        Debt open = create(user, 10_000, "Still open");
        records.add(new DebtChange("seq-open", user, open.debtId(), null, open));

        projectInBatches(records);

        StoredSummary stored = store.find(user).orElseThrow();
        assertThat(stored.counterpartiesOmitted()).isFalse();
        assertThat(stored.summary()).isEqualTo(Summary.contribution(open));
        assertThat(stored.debtVersions()).hasSize(10_001);
        assertThat(storedBytes(user)).isLessThanOrEqualTo(SummaryItem.BUDGET_BYTES);

        settled.forEach(debt ->
                client.putItem(request -> request.tableName(Tables.DEBTS).item(DebtItem.toItem(debt))));
        client.putItem(request -> request.tableName(Tables.DEBTS).item(DebtItem.toItem(open)));
        SummaryRebuilder rebuilder = new SummaryRebuilder(new DynamoDbDebtSource(client, Tables.DEBTS), store, CLOCK);
        rebuilder.rebuild(user);
        assertThat(store.find(user).orElseThrow().summary()).isEqualTo(Summary.contribution(open));
        assertThat(storedBytes(user)).isLessThanOrEqualTo(SummaryItem.BUDGET_BYTES);
    }

    private static void projectInBatches(List<ChangeRecord> records) {
        SummaryProjector projector = new SummaryProjector(store, CLOCK);
        for (int start = 0; start < records.size(); start += BATCH) {
            ProjectionOutcome outcome =
                    projector.project(records.subList(start, Math.min(records.size(), start + BATCH)));
            assertThat(outcome.firstFailedSequenceNumber())
                    .as("batch at %d", start)
                    .isNull();
            assertThat(outcome.failed()).isZero();
        }
    }

    private static long storedBytes(String user) {
        Map<String, AttributeValue> item = client.getItem(request -> request.tableName(Tables.SUMMARIES)
                        .key(Map.of(SummaryItem.USER_ID, AttributeValue.fromS(user)))
                        .consistentRead(true))
                .item();
        return ItemSize.of(item);
    }

    private static String astralName(int index) {
        String prefix = index + "-";
        return prefix + "\uD834\uDD1E".repeat(Limits.NAME_MAX - prefix.length());
    }

    private static Debt create(String user, int index, String counterparty) {
        String debtId = new UUID(0x0190_0000_0000_7000L + index, 0x8000_0000_0000_0000L + index).toString();
        CreateDebt create = new CreateDebt(
                debtId,
                new Counterparty(counterparty, null),
                Direction.OWED_BY_ME,
                Money.of(1_000 + index, "EUR"),
                null,
                LocalDate.of(2027, 1, 1).plusDays(index % 400));
        return ((Decision.Applied)
                        DebtDecider.decide(null, CommandEnvelope.of("cmd-" + debtId, user, T0, null, create)))
                .debt();
    }

    private static Debt apply(Debt debt, DebtCommand payload) {
        return ((Decision.Applied) DebtDecider.decide(
                        debt,
                        CommandEnvelope.of(
                                "settle-" + debt.debtId(), debt.userId(), T0.plusSeconds(60), null, payload)))
                .debt();
    }
}
