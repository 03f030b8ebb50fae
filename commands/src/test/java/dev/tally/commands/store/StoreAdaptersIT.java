package dev.tally.commands.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.commands.Commands;
import dev.tally.commands.LocalEndpoints;
import dev.tally.commands.QueuedMessage;
import dev.tally.commands.Unparseable;
import dev.tally.commands.UnparseableReason;
import dev.tally.commands.WorkerTestBed;
import dev.tally.common.domain.Debt;
import dev.tally.common.store.DebtItem;
import dev.tally.common.store.ItemSize;
import dev.tally.common.testing.FifoQueues;
import dev.tally.events.Limits;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/** The three adapters against real local endpoints (common's harness): what the conditions really do. */
class StoreAdaptersIT {

    @RegisterExtension
    static final LocalEndpoints ENDPOINTS = new LocalEndpoints();

    private static WorkerTestBed bed;
    private static DynamoDbDebtStore debts;
    private static DynamoDbCommandStatusStore statuses;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final Commands commands = new Commands("user-" + id, "debt-" + id);

    @BeforeAll
    static void createTables() {
        bed = WorkerTestBed.create(ENDPOINTS.sqs(), ENDPOINTS.dynamoDb());
        debts = new DynamoDbDebtStore(bed.dynamoDb, bed.debtsTable);
        statuses = new DynamoDbCommandStatusStore(bed.dynamoDb, bed.commandsTable, Clock.systemUTC());
    }

    @Test
    void debtStore_whenSavedAndRead_returnsAnEqualDebt() {
        Debt debt =
                commands.after(commands.create("c-1", 10_000), commands.payment("c-2", 2_500), commands.settle("c-3"));
        assertThat(debts.save(commands.after(commands.create("c-1", 10_000)))).isTrue();
        assertThat(debts.save(commands.after(commands.create("c-1", 10_000), commands.payment("c-2", 2_500))))
                .isTrue();

        assertThat(debts.save(debt)).isTrue();

        assertThat(debts.find(commands.userId(), commands.debtId())).contains(debt);
    }

    @Test
    void itemSize_whenTheCheckSaysADebtFits_theEndpointStoresIt_andTheNextPaymentItRefuses() {
        String astralNote = "\uD83D\uDE00".repeat(Limits.NOTE_MAX);
        Debt fitting = commands.after(commands.create("c-0", 1_000_000));
        Debt next = commands.after(fitting, commands.payment("p-1", 1, astralNote));
        for (int number = 2; DebtItem.fits(next); number++) {
            fitting = next;
            next = commands.after(fitting, commands.payment("p-" + number, 1, astralNote));
        }
        Debt tooLarge = next;

        bed.dynamoDb.putItem(PutItemRequest.builder()
                .tableName(bed.debtsTable)
                .item(DebtItem.toItem(fitting))
                .build());
        assertThatThrownBy(() -> bed.dynamoDb.putItem(PutItemRequest.builder()
                        .tableName(bed.debtsTable)
                        .item(DebtItem.toItem(tooLarge))
                        .build()))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("size");
        assertThat(ItemSize.of(DebtItem.toItem(fitting))).isGreaterThan(ItemSize.MAX_ITEM_BYTES - 3_000);
        assertThat(debts.find(commands.userId(), commands.debtId())).contains(fitting);
    }

    @Test
    void debtStore_whenAnotherWriterSavedTheNextVersionFirst_refusesTheStaleWrite() {
        CommandEnvelope create = commands.create("c-1", 10_000);
        debts.save(commands.after(create));
        Debt first = commands.after(create, commands.payment("p-1", 1_000));
        Debt second = commands.after(create, commands.payment("p-2", 2_000));

        assertThat(debts.save(first)).isTrue();
        assertThat(debts.save(second)).isFalse();

        assertThat(debts.find(commands.userId(), commands.debtId())).contains(first);
    }

    @Test
    void debtStore_whenCreatingADebtThatExists_refuses() {
        assertThat(debts.save(commands.after(commands.create("c-1", 10_000)))).isTrue();

        assertThat(debts.save(commands.after(commands.create("c-other", 99_900))))
                .isFalse();

        assertThat(debts.find(commands.userId(), commands.debtId())
                        .orElseThrow()
                        .principal())
                .isEqualTo(10_000);
    }

    @Test
    void debtStore_whenTheDebtDoesNotExist_findsNothing() {
        assertThat(debts.find(commands.userId(), "no-such-debt")).isEmpty();
    }

    @Test
    void statusStore_whenTheApiRecordedTheCommand_recordsTheOutcomeAndKeepsWhatTheApiWrote() {
        bed.dynamoDb.putItem(request -> request.tableName(bed.commandsTable)
                .item(Map.of(
                        "userId",
                        AttributeValue.fromS(commands.userId()),
                        "commandId",
                        AttributeValue.fromS("c-2"),
                        "status",
                        AttributeValue.fromS("ACCEPTED"),
                        "requestHash",
                        AttributeValue.fromS("sha256:abc"),
                        "acceptedAt",
                        AttributeValue.fromS("2026-11-27T09:59:59Z"),
                        "expiresAt",
                        AttributeValue.fromN("1800000000"))));
        assertThat(statuses.findStatus(commands.userId(), "c-2")).contains(CommandStatus.Status.ACCEPTED);

        assertThat(statuses.recordApplied(commands.payment("c-2", 100), 2)).isTrue();

        Map<String, AttributeValue> item = bed.status(commands.userId(), "c-2");
        assertThat(item.get("status").s()).isEqualTo("APPLIED");
        assertThat(item.get("debtVersion").n()).isEqualTo("2");
        assertThat(item.get("type").s()).isEqualTo("RECORD_PAYMENT");
        assertThat(item.get("debtId").s()).isEqualTo(commands.debtId());
        assertThat(item.get("requestHash").s()).isEqualTo("sha256:abc");
        assertThat(item.get("acceptedAt").s()).isEqualTo("2026-11-27T09:59:59Z");
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .as("the API's expiry is replaced by the outcome's: one retention from the outcome")
                .isGreaterThanOrEqualTo(Instant.now().plus(Duration.ofDays(30)).getEpochSecond() - 60);
        assertThat(statuses.findStatus(commands.userId(), "c-2")).contains(CommandStatus.Status.APPLIED);
    }

    @Test
    void statusStore_whenAnOutcomeIsRecorded_neverReplacesIt() {
        CommandEnvelope payment = commands.payment("c-2", 100);
        assertThat(statuses.recordApplied(payment, 2)).isTrue();

        assertThat(statuses.recordRejected(payment, RejectionReason.OVERPAYMENT))
                .isFalse();
        assertThat(statuses.recordApplied(payment, 5)).isFalse();

        Map<String, AttributeValue> item = bed.status(commands.userId(), "c-2");
        assertThat(item.get("status").s()).isEqualTo("APPLIED");
        assertThat(item.get("debtVersion").n()).isEqualTo("2");
        assertThat(item).doesNotContainKey("reason");
    }

    @Test
    void statusStore_whenNothingWasRecordedBefore_createsTheItemWithANumericExpiry() {
        assertThat(statuses.findStatus(commands.userId(), "c-9")).isEmpty();

        assertThat(statuses.recordRejected(commands.payment("c-9", 100), RejectionReason.DEBT_NOT_FOUND))
                .isTrue();

        Map<String, AttributeValue> item = bed.status(commands.userId(), "c-9");
        assertThat(item.get("status").s()).isEqualTo("REJECTED");
        assertThat(item.get("reason").s()).isEqualTo("DEBT_NOT_FOUND");
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isGreaterThan(Instant.now().getEpochSecond());
        assertThat(item.get("acceptedAt").s())
                .isEqualTo(commands.payment("c-9", 100).issuedAt().toString());
    }

    @Test
    void deadLetterQueue_whenTheSameMessageIsMovedTwice_keepsOneCopyWithItsReason() {
        FifoQueues queues = bed.newQueues(ENDPOINTS.sqs());
        SqsDeadLetterQueue deadLetters = new SqsDeadLetterQueue(bed.sqs, queues.deadLetterQueueUrl());
        QueuedMessage poison = new QueuedMessage("m-" + id, commands.userId(), "{\"type\":\"TRANSFER\"", 1);
        Unparseable problem = new Unparseable(UnparseableReason.MALFORMED_JSON, "body is not valid JSON");

        deadLetters.moveUnparseable(poison, problem);
        deadLetters.moveUnparseable(poison, problem);

        assertThat(bed.deadLetters(queues)).singleElement().satisfies((Message copy) -> {
            assertThat(copy.body()).isEqualTo(poison.body());
            assertThat(copy.messageAttributes()
                            .get(SqsDeadLetterQueue.FAILURE_REASON)
                            .stringValue())
                    .isEqualTo("MALFORMED_JSON");
            assertThat(copy.messageAttributes()
                            .get(SqsDeadLetterQueue.ORIGINAL_MESSAGE_ID)
                            .stringValue())
                    .isEqualTo(poison.messageId());
        });
    }
}
