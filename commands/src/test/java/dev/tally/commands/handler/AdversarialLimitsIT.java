package dev.tally.commands.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.commands.Commands;
import dev.tally.commands.FaultInjector;
import dev.tally.commands.LocalEndpoints;
import dev.tally.commands.WorkerTestBed;
import dev.tally.common.domain.Debt;
import dev.tally.common.store.DebtItem;
import dev.tally.common.store.ItemSize;
import dev.tally.common.testing.FifoQueues;
import dev.tally.events.Limits;
import dev.tally.events.Money;
import dev.tally.events.command.CommandEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 14's adversarial limits through the worker on the local endpoints (embedded SQS FIFO queue with
 * its DLQ, the embedded DynamoDB): a debt of the maximum amount, then 199 payments whose notes are
 * 500 astral-plane characters (2 000 UTF-8 bytes each). Every command must reach a terminal status,
 * nothing may land in the DLQ, and the stored item stays within DynamoDB's limit: the payments that
 * would pass 400 KB are {@code REJECTED} with {@code DEBT_TOO_LARGE} instead of being retried.
 */
class AdversarialLimitsIT {

    @RegisterExtension
    static final LocalEndpoints ENDPOINTS = new LocalEndpoints();

    @Test
    void maximumAmountAnd199PaymentsWithLongAstralNotes_everyCommandTerminal_nothingInTheDlq() {
        WorkerTestBed bed = WorkerTestBed.create(ENDPOINTS.sqs(), ENDPOINTS.dynamoDb());
        FifoQueues queues = bed.newQueues(ENDPOINTS.sqs());
        FifoQueuePoller poller = new FifoQueuePoller(
                bed.sqs,
                queues.queueUrl(),
                bed.queueArn(queues.queueUrl()),
                new CommandWorkerHandler(bed.worker(queues, new FaultInjector())));
        String id = UUID.randomUUID().toString().substring(0, 8);
        Commands user = new Commands("adversary-" + id, "debt-" + id);
        String note = "\uD83D\uDE00".repeat(Limits.NOTE_MAX);
        List<CommandEnvelope> sent = new ArrayList<>();
        sent.add(user.create("create", Money.MAX_MINOR_UNITS));
        for (int i = 1; i <= 199; i++) {
            sent.add(user.payment("pay-" + i, 1, note));
        }
        sent.forEach(command -> bed.send(queues, command));

        poller.drain(Duration.ofMinutes(5));

        List<String> statuses = new ArrayList<>();
        for (CommandEnvelope command : sent) {
            Map<String, AttributeValue> status = bed.status(user.userId(), command.commandId());
            assertThat(status).as(command.commandId()).isNotNull().isNotEmpty();
            String outcome = status.get("status").s();
            assertThat(outcome).as(command.commandId()).isIn("APPLIED", "REJECTED");
            statuses.add(outcome.equals("REJECTED") ? status.get("reason").s() : outcome);
        }
        assertThat(bed.deadLetters(queues)).isEmpty();
        Debt debt = bed.debt(user.userId(), user.debtId()).orElseThrow();
        assertThat(debt.principal()).isEqualTo(Money.MAX_MINOR_UNITS);
        assertThat(ItemSize.of(DebtItem.toItem(debt))).isLessThanOrEqualTo(ItemSize.MAX_ITEM_BYTES);
        assertThat(statuses).contains("DEBT_TOO_LARGE").doesNotContain("DEBT_CHANGE_LIMIT_REACHED");
        assertThat(statuses.stream().filter("APPLIED"::equals).count())
                .isEqualTo(1 + debt.payments().size());
    }
}
