package dev.tally.commands.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.commands.ApplyOutcome;
import dev.tally.commands.CommandApplier;
import dev.tally.commands.Commands;
import dev.tally.commands.LocalEndpoints;
import dev.tally.commands.WorkerTestBed;
import dev.tally.common.domain.Debt;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** A batch's unit against the real local endpoints: one read, one all-or-nothing write (ADR 0117). */
class BatchUnitIT {

    @RegisterExtension
    static final LocalEndpoints ENDPOINTS = new LocalEndpoints();

    private static WorkerTestBed bed;
    private static DynamoDbDebtStore debts;
    private static DynamoDbCommandStatusStore statuses;
    private static DynamoDbBatchUnits units;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final Commands commands = new Commands("user-" + id, "debt-" + id);

    @BeforeAll
    static void createTables() {
        bed = WorkerTestBed.create(ENDPOINTS.sqs(), ENDPOINTS.dynamoDb());
        debts = new DynamoDbDebtStore(bed.dynamoDb, bed.debtsTable);
        statuses = new DynamoDbCommandStatusStore(bed.dynamoDb, bed.commandsTable, Clock.systemUTC());
        units = new DynamoDbBatchUnits(bed.dynamoDb, debts, statuses);
    }

    @Test
    void commit_whenABatchCreatesAndPaysADebt_writesTheLastVersionOnceAndEveryOutcome() {
        List<CommandEnvelope> batch = List.of(
                commands.create("c-1", 10_000), commands.payment("c-2", 2_500), commands.payment("c-3", 20_000));

        BatchUnit unit = units.begin(batch);
        CommandApplier applier = new CommandApplier(unit, unit);
        List<ApplyOutcome> outcomes = batch.stream().map(applier::apply).toList();
        assertThat(debts.find(commands.userId(), commands.debtId())).isEmpty();
        unit.commit();

        assertThat(outcomes)
                .containsExactly(
                        new ApplyOutcome.Applied(1, false),
                        new ApplyOutcome.Applied(2, false),
                        new ApplyOutcome.Rejected(RejectionReason.OVERPAYMENT));
        assertThat(debts.find(commands.userId(), commands.debtId()))
                .contains(commands.after(commands.create("c-1", 10_000), commands.payment("c-2", 2_500)));
        assertThat(statuses.findStatus(commands.userId(), "c-1")).contains(CommandStatus.Status.APPLIED);
        assertThat(bed.status(commands.userId(), "c-2").get("debtVersion").n()).isEqualTo("2");
        assertThat(bed.status(commands.userId(), "c-3").get("reason").s()).isEqualTo("OVERPAYMENT");
    }

    @Test
    void commit_whenAnotherWriterChangedTheDebtAfterTheRead_writesNothing() {
        CommandEnvelope create = commands.create("c-1", 10_000);
        assertThat(debts.save(commands.after(create))).isTrue();
        CommandEnvelope pay = commands.payment("c-2", 1_000);
        BatchUnit unit = units.begin(List.of(pay));
        new CommandApplier(unit, unit).apply(pay);
        Debt concurrent = commands.after(create, commands.payment("c-9", 500));
        assertThat(debts.save(concurrent)).isTrue();

        assertThatThrownBy(unit::commit).isInstanceOf(TransactionCanceledException.class);

        assertThat(debts.find(commands.userId(), commands.debtId())).contains(concurrent);
        assertThat(statuses.findStatus(commands.userId(), "c-2")).isEmpty();
    }

    @Test
    void commit_whenTheCommandGotAnOutcomeAfterTheRead_writesNothing() {
        CommandEnvelope create = commands.create("c-1", 10_000);
        BatchUnit unit = units.begin(List.of(create));
        new CommandApplier(unit, unit).apply(create);
        assertThat(statuses.recordRejected(create, RejectionReason.DEBT_TOO_LARGE))
                .isTrue();

        assertThatThrownBy(unit::commit).isInstanceOf(TransactionCanceledException.class);

        assertThat(debts.find(commands.userId(), commands.debtId())).isEmpty();
        assertThat(statuses.findStatus(commands.userId(), "c-1")).contains(CommandStatus.Status.REJECTED);
    }

    @Test
    void apply_whenTheBatchRepeatsACommandAlreadyDecided_decidesNothingAndWritesNothing() {
        CommandEnvelope create = commands.create("c-1", 10_000);
        assertThat(debts.save(commands.after(create))).isTrue();
        assertThat(statuses.recordApplied(create, 1)).isTrue();

        BatchUnit unit = units.begin(List.of(create, create));
        CommandApplier applier = new CommandApplier(unit, unit);

        assertThat(applier.apply(create)).isEqualTo(new ApplyOutcome.AlreadyDecided(CommandStatus.Status.APPLIED));
        assertThat(unit.save(commands.after(create))).isFalse();
        assertThat(unit.recordRejected(create, RejectionReason.OVERPAYMENT)).isFalse();
        unit.commit();
        assertThat(debts.find(commands.userId(), commands.debtId())
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
    }
}
