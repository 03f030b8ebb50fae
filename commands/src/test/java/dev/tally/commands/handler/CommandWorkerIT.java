package dev.tally.commands.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tally.commands.CommandWorkers;
import dev.tally.commands.Commands;
import dev.tally.commands.FaultInjector;
import dev.tally.commands.LocalEndpoints;
import dev.tally.commands.WorkerTestBed;
import dev.tally.commands.store.BatchUnit;
import dev.tally.commands.store.BatchUnits;
import dev.tally.commands.store.DynamoDbBatchUnits;
import dev.tally.commands.store.SqsDeadLetterQueue;
import dev.tally.common.config.WorkerConfig;
import dev.tally.common.domain.Debt;
import dev.tally.common.domain.Payment;
import dev.tally.common.testing.FifoQueues;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 3's "done when" list for the worker, end to end: real SDK clients, the handler, the embedded SQS (a
 * FIFO queue redriving to a FIFO DLQ after 5 receives, visibility timeout 1 s) and a DynamoDB endpoint
 * from common's test harness. {@link FifoQueuePoller} plays Lambda's event source mapping.
 */
class CommandWorkerIT {

    @RegisterExtension
    static final LocalEndpoints ENDPOINTS = new LocalEndpoints();

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static WorkerTestBed bed;

    private FifoQueues queues;
    private FaultInjector faults;
    private FifoQueuePoller poller;
    private Commands commands;

    @BeforeAll
    static void createTables() {
        bed = WorkerTestBed.create(ENDPOINTS.sqs(), ENDPOINTS.dynamoDb());
    }

    @BeforeEach
    void setUp() {
        queues = bed.newQueues(ENDPOINTS.sqs());
        faults = new FaultInjector();
        poller = pollerFor(new CommandWorkerHandler(bed.worker(queues, faults)));
        commands = newUser("user");
    }

    @Test
    void commandSentTwice_changesTheDebtOnce() {
        bed.send(queues, commands.create("create", 10_000));
        bed.send(queues, commands.payment("pay", 3_000));
        bed.send(queues, commands.payment("pay", 3_000), "pay-sent-again");

        poller.drain(LIMIT);

        assertThat(poller.deliveriesOf("pay")).hasSize(2);
        assertChangedOnce(3_000);
    }

    @Test
    void commandRedeliveredAfterTheVisibilityTimeout_changesTheDebtOnce() {
        bed.send(queues, commands.create("create", 10_000));
        bed.send(queues, commands.payment("pay", 3_000));
        poller.loseAcknowledgementOf(message -> message.getBody().contains("\"commandId\":\"pay\"")
                && "1".equals(message.getAttributes().get("ApproximateReceiveCount")));

        poller.drain(LIMIT);

        List<SQSEvent.SQSMessage> deliveries = poller.deliveriesOf("pay");
        assertThat(deliveries)
                .extracting(m -> m.getAttributes().get("ApproximateReceiveCount"))
                .containsExactly("1", "2");
        assertThat(deliveries.get(1).getMessageId()).isEqualTo(deliveries.get(0).getMessageId());
        assertChangedOnce(3_000);
    }

    @Test
    void commandRedrivenFromTheDeadLetterQueueWithANewMessageId_changesTheDebtOnce() {
        bed.send(queues, commands.create("create", 10_000));
        poller.drain(LIMIT);
        faults.crashBeforeStatusWriteOf("pay", WorkerTestBed.MAX_RECEIVE_COUNT);
        String originalMessageId = bed.send(queues, commands.payment("pay", 3_000));

        poller.drain(LIMIT);
        assertThat(poller.deliveriesOf("pay")).hasSize(WorkerTestBed.MAX_RECEIVE_COUNT);
        assertThat(bed.deadLetters(queues)).extracting(Message::messageId).containsExactly(originalMessageId);
        assertThat(bed.debt(commands.userId(), commands.debtId()).orElseThrow().version())
                .isEqualTo(2);

        assertThat(bed.redriveDeadLetters(queues)).isEqualTo(1);
        poller.drain(LIMIT);

        List<SQSEvent.SQSMessage> deliveries = poller.deliveriesOf("pay");
        assertThat(deliveries).hasSize(WorkerTestBed.MAX_RECEIVE_COUNT + 1);
        assertThat(deliveries.get(deliveries.size() - 1).getMessageId()).isNotEqualTo(originalMessageId);
        assertChangedOnce(3_000);
    }

    @Test
    void crashAfterTheDebtWriteBeforeTheStatusWrite_endsAfterRedeliveryWithOneEffectAndApplied() {
        faults.crashBeforeStatusWriteOf("pay", 1);
        bed.send(queues, commands.create("create", 10_000));
        bed.send(queues, commands.payment("pay", 3_000));

        poller.drain(LIMIT);

        assertThat(poller.crashes()).isEqualTo(1);
        assertThat(poller.deliveriesOf("pay")).hasSize(2);
        assertChangedOnce(3_000);
    }

    @Test
    void paymentLargerThanTheOutstandingBalance_endsRejectedWithOverpaymentAndNoChange() {
        bed.send(queues, commands.create("create", 10_000));
        bed.send(queues, commands.payment("pay", 15_000));

        poller.drain(LIMIT);

        Map<String, AttributeValue> status = bed.status(commands.userId(), "pay");
        assertThat(status.get("status").s()).isEqualTo("REJECTED");
        assertThat(status.get("reason").s()).isEqualTo("OVERPAYMENT");
        assertThat(status).doesNotContainKey("debtVersion");
        Debt debt = bed.debt(commands.userId(), commands.debtId()).orElseThrow();
        assertThat(debt.version()).isEqualTo(1);
        assertThat(debt.outstanding()).isEqualTo(10_000);
        assertThat(debt.payments()).isEmpty();
        assertThat(poller.deliveriesOf("pay")).hasSize(1);
        assertThat(poller.reportedFailures()).isEmpty();
        assertThat(bed.deadLetters(queues)).isEmpty();
    }

    @Test
    void twoUsersInterleave_andEachUsersCommandsApplyInSendOrderAlsoWhenOneFailsAndIsRetried() {
        Commands alice = newUser("alice");
        Commands bob = newUser("bob");
        List<CommandEnvelope> aliceCommands = List.of(
                alice.create("a-create", 10_000),
                alice.payment("a-pay-1", 1_000),
                alice.payment("a-pay-2", 2_000),
                alice.payment("a-pay-3", 3_000));
        List<CommandEnvelope> bobCommands = List.of(
                bob.create("b-create", 50_000),
                bob.payment("b-pay-1", 100),
                bob.payment("b-pay-2", 200),
                bob.payment("b-pay-3", 300));
        faults.throttleDebtWriteOf("a-pay-1", 1);
        for (int i = 0; i < aliceCommands.size(); i++) {
            bed.send(queues, aliceCommands.get(i));
            bed.send(queues, bobCommands.get(i));
        }

        poller.drain(LIMIT);

        assertThat(poller.deliveriesOf("a-pay-1")).hasSizeGreaterThanOrEqualTo(2);
        assertAppliedInOrder(alice, aliceCommands);
        assertAppliedInOrder(bob, bobCommands);
        List<String> bobMessageIds = poller.deliveries().stream()
                .filter(m -> m.getBody().contains(bob.userId()))
                .map(SQSEvent.SQSMessage::getMessageId)
                .toList();
        assertThat(poller.reportedFailures()).isNotEmpty().doesNotContainAnyElementsOf(bobMessageIds);
        assertThat(faults.debtChanges().stream()
                        .filter(id -> id.startsWith("a-"))
                        .toList())
                .containsExactly("a-create", "a-pay-1", "a-pay-2", "a-pay-3");
    }

    @Test
    void poisonMessage_endsInTheDeadLetterQueueAtOnceAndItsGroupCarriesOn() {
        poller = pollerFor(new CommandWorkerHandler(CommandWorkers.create(
                WorkerConfig.from(Map.of(
                        "DEBTS_TABLE",
                        bed.debtsTable,
                        "COMMANDS_TABLE",
                        bed.commandsTable,
                        "DEAD_LETTER_QUEUE_URL",
                        queues.deadLetterQueueUrl())),
                bed.dynamoDb,
                bed.sqs,
                Clock.systemUTC())));
        bed.sendRaw(queues, "{\"commandId\": oops", commands.userId());
        bed.send(queues, commands.create("create", 10_000));

        poller.drain(LIMIT);

        List<Message> deadLetters = bed.deadLetters(queues);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).body()).isEqualTo("{\"commandId\": oops");
        assertThat(deadLetters
                        .get(0)
                        .messageAttributes()
                        .get(SqsDeadLetterQueue.FAILURE_REASON)
                        .stringValue())
                .isEqualTo("MALFORMED_JSON");
        assertThat(deadLetters
                        .get(0)
                        .attributes()
                        .get(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .isEqualTo(commands.userId());
        assertThat(poller.deliveries())
                .filteredOn(m -> m.getBody().contains("oops"))
                .hasSize(1);
        assertThat(bed.status(commands.userId(), "create").get("status").s()).isEqualTo("APPLIED");
    }

    @Test
    void batchUnits_applyEachUsersCommandsInSendOrder_withoutTheOneByOneStores() {
        Commands alice = newUser("alice");
        Commands bob = newUser("bob");
        List<CommandEnvelope> aliceCommands = List.of(
                alice.create("a-create", 10_000), alice.payment("a-pay-1", 1_000), alice.payment("a-pay-2", 2_000));
        List<CommandEnvelope> bobCommands =
                List.of(bob.create("b-create", 50_000), bob.payment("b-pay-1", 100), bob.payment("b-pay-2", 200));
        poller = pollerFor(new CommandWorkerHandler(bed.worker(queues, faults, bed.batchUnits())));
        for (int i = 0; i < aliceCommands.size(); i++) {
            bed.send(queues, aliceCommands.get(i));
            bed.send(queues, bobCommands.get(i));
        }

        poller.drain(LIMIT);

        assertAppliedInOrder(alice, aliceCommands);
        assertAppliedInOrder(bob, bobCommands);
        assertThat(poller.reportedFailures()).isEmpty();
        assertThat(faults.debtChanges()).isEmpty();
    }

    @Test
    void batchUnits_whenAUnitDoesNotCommit_theBatchIsAppliedOneByOneWithOneEffectEach() {
        DynamoDbBatchUnits real = bed.batchUnits();
        BatchUnits failingOnce = new BatchUnits() {
            private boolean failed;

            @Override
            public BatchUnit begin(List<CommandEnvelope> batch) {
                BatchUnit unit = real.begin(batch);
                if (failed) {
                    return unit;
                }
                failed = true;
                return new FailingCommit(unit);
            }
        };
        poller = pollerFor(new CommandWorkerHandler(bed.worker(queues, faults, failingOnce)));
        bed.send(queues, commands.create("create", 10_000));
        bed.send(queues, commands.payment("pay", 3_000));

        poller.drain(LIMIT);

        assertChangedOnce(3_000);
        assertThat(poller.reportedFailures()).isEmpty();
        assertThat(faults.debtChanges()).startsWith("create");
    }

    /** A unit whose commit fails as a cancelled transaction would: nothing written. */
    private record FailingCommit(BatchUnit unit) implements BatchUnit {
        @Override
        public Optional<Debt> find(String userId, String debtId) {
            return unit.find(userId, debtId);
        }

        @Override
        public boolean save(Debt debt) {
            return unit.save(debt);
        }

        @Override
        public Optional<CommandStatus.Status> findStatus(String userId, String commandId) {
            return unit.findStatus(userId, commandId);
        }

        @Override
        public boolean recordApplied(CommandEnvelope command, long debtVersion) {
            return unit.recordApplied(command, debtVersion);
        }

        @Override
        public boolean recordRejected(CommandEnvelope command, RejectionReason reason) {
            return unit.recordRejected(command, reason);
        }

        @Override
        public void commit() {
            throw new IllegalStateException("simulated cancelled transaction");
        }
    }

    private void assertChangedOnce(long paid) {
        Debt debt = bed.debt(commands.userId(), commands.debtId()).orElseThrow();
        assertThat(debt.version()).isEqualTo(2);
        assertThat(debt.payments()).extracting(Payment::commandId).containsExactly("pay");
        assertThat(debt.paid()).isEqualTo(paid);
        Map<String, AttributeValue> status = bed.status(commands.userId(), "pay");
        assertThat(status.get("status").s()).isEqualTo("APPLIED");
        assertThat(status.get("debtVersion").n()).isEqualTo("2");
        assertThat(status.get("expiresAt").n()).isNotBlank();
        assertThat(poller.isEmpty()).isTrue();
    }

    private void assertAppliedInOrder(Commands user, List<CommandEnvelope> sent) {
        for (int i = 0; i < sent.size(); i++) {
            Map<String, AttributeValue> status =
                    bed.status(user.userId(), sent.get(i).commandId());
            assertThat(status.get("status").s()).as(sent.get(i).commandId()).isEqualTo("APPLIED");
            assertThat(status.get("debtVersion").n())
                    .as(sent.get(i).commandId())
                    .isEqualTo(Integer.toString(i + 1));
        }
        Debt debt = bed.debt(user.userId(), user.debtId()).orElseThrow();
        assertThat(debt.payments())
                .extracting(Payment::commandId)
                .containsExactlyElementsOf(
                        sent.stream().skip(1).map(CommandEnvelope::commandId).toList());
    }

    private FifoQueuePoller pollerFor(CommandWorkerHandler handler) {
        return new FifoQueuePoller(bed.sqs, queues.queueUrl(), bed.queueArn(queues.queueUrl()), handler);
    }

    private static Commands newUser(String name) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new Commands(name + "-" + id, "debt-" + id);
    }
}
