package dev.tally.ops.dlq;

import static dev.tally.ops.dlq.ReplayStack.bodiesOfGroup;
import static dev.tally.ops.dlq.ReplayStack.create;
import static dev.tally.ops.dlq.ReplayStack.pay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.LocalSqs;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.ops.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@code tally ops dlq replay|preview} against the embedded SQS and the embedded DynamoDB, through the CLI entry
 * point, with the real worker applying what was replayed.
 */
class DeadLetterReplayIT {

    @RegisterExtension
    static final LocalSqs SQS = new LocalSqs();

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    @TempDir
    Path directory;

    private ReplayStack stack;

    @BeforeEach
    void stack() {
        stack = new ReplayStack(SQS, DYNAMODB);
    }

    @AfterAll
    static void done() {
        // the extensions stop the servers
    }

    @Test
    void replay_movesEveryGroupInOrder_withAFreshDeduplicationIdTheTraceHeaderAndReplayOf_andTheWorkerAppliesIt()
            throws Exception {
        List<CommandEnvelope> commands = List.of(
                create("c1", "user-1", "d1", 1_000),
                create("c2", "user-2", "d2", 500),
                pay("p1", "user-1", "d1", 200),
                pay("p2", "user-1", "d1", 300),
                pay("p3", "user-2", "d2", 100));
        List<String> dlqIds = new ArrayList<>();
        commands.forEach(command -> dlqIds.add(stack.deadLetter(command)));
        Path ledger = directory.resolve("ledger.jsonl");

        CliRun run = replay("--ledger", ledger.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("replayed=5 copied=0 resumed=0 purged=0 unparseable=0 held=0 failed=0 left=0 dlq=0")
                .doesNotContain("Alice");
        assertThat(run.err()).contains("replay progress: 5/5");
        List<Message> replayed = stack.drain(stack.queues.queueUrl());
        assertThat(bodiesOfGroup(replayed, "user-1"))
                .containsExactly(
                        commands.get(0).toJson(),
                        commands.get(2).toJson(),
                        commands.get(3).toJson());
        assertThat(bodiesOfGroup(replayed, "user-2"))
                .containsExactly(commands.get(1).toJson(), commands.get(4).toJson());
        assertThat(replayed).allSatisfy(message -> {
            assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                    .startsWith("replay-");
            assertThat(message.attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER))
                    .isEqualTo(ReplayStack.TRACE_HEADER);
            assertThat(message.messageAttributes().get("commandType").stringValue())
                    .isIn("CREATE_DEBT", "RECORD_PAYMENT");
        });
        assertThat(replayed)
                .extracting(
                        message -> message.messageAttributes().get("replayOf").stringValue())
                .containsExactlyInAnyOrderElementsOf(dlqIds);
        assertThat(stack.drain(stack.queues.deadLetterQueueUrl())).isEmpty();
        List<String> lines = Files.readAllLines(ledger);
        assertThat(lines).hasSize(10).noneMatch(line -> line.contains("Alice") || line.contains("payload"));
        assertThat(new ObjectMapper().readTree(lines.get(0)).fieldNames())
                .toIterable()
                .contains("time", "messageId", "group", "commandId", "outcome");

        assertThat(stack.apply(replayed)).isEmpty();
        for (CommandEnvelope command : commands) {
            assertThat(stack.commandStatus(command.userId(), command.commandId()))
                    .isEqualTo("APPLIED");
        }
        assertThat(stack.debtsOf("user-1"))
                .singleElement()
                .satisfies(debt -> assertThat(debt.paid()).isEqualTo(500));
    }

    @Test
    void replay_whenASendFailsInTheMiddleOfAGroup_leavesItAndTheRestOfTheGroupInTheDlq_thenARerunFinishesInOrder() {
        CommandEnvelope create = create("c1", "user-1", "d1", 1_000);
        CommandEnvelope failing = pay("p1", "user-1", "d1", 200);
        CommandEnvelope after = pay("p2", "user-1", "d1", 300);
        CommandEnvelope other = create("c2", "user-2", "d2", 500);
        CommandEnvelope otherPay = pay("p3", "user-2", "d2", 100);
        List.of(create, failing, after, other, otherPay).forEach(stack::deadLetter);
        FailingSends faults = new FailingSends("\"commandId\":\"p1\"");

        ReplayResult first = FailingSends.replayer(SQS, faults, stack).replay(ReplayOptions.defaults(), Map.of());

        assertThat(faults.failedEntries()).isEqualTo(1);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.held()).isEqualTo(1);
        assertThat(first.replayed()).isEqualTo(3);
        assertThat(first.left()).isEqualTo(2);
        assertThat(first.needsAttention()).isTrue();
        assertThat(first.problems())
                .anyMatch(line -> line.contains("send failed, left in the DLQ with the rest of its group"))
                .anyMatch(line -> line.startsWith(
                        "group user-1: 1 selected message(s) left in the DLQ, in order, behind message"));
        List<Message> firstBatch = stack.drain(stack.queues.queueUrl());
        assertThat(bodiesOfGroup(firstBatch, "user-1")).containsExactly(create.toJson());
        assertThat(bodiesOfGroup(firstBatch, "user-2")).containsExactly(other.toJson(), otherPay.toJson());
        assertThat(stack.apply(firstBatch)).isEmpty();
        assertThat(stack.peekDeadLetters()).extracting(Message::body).containsExactly(failing.toJson(), after.toJson());

        CliRun second = replay();

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("replayed=2").contains("left=0");
        List<Message> secondBatch = stack.drain(stack.queues.queueUrl());
        assertThat(secondBatch).extracting(Message::body).containsExactly(failing.toJson(), after.toJson());
        assertThat(stack.apply(secondBatch)).isEmpty();
        assertThat(stack.commandStatus("user-1", "p1")).isEqualTo("APPLIED");
        assertThat(stack.commandStatus("user-1", "p2")).isEqualTo("APPLIED");
        assertThat(stack.debtsOf("user-1"))
                .singleElement()
                .satisfies(debt -> assertThat(debt.paid()).isEqualTo(500));
    }

    @Test
    void replay_withFilters_movesOnlyTheSelection_andNeverAMessageAheadOfAnUnselectedOneOfItsGroup() {
        stack.deadLetter(create("c1", "user-1", "d1", 1_000));
        stack.deadLetter(pay("p1", "user-1", "d1", 100));
        stack.deadLetter(create("c2", "user-2", "d2", 1_000));
        stack.deadLetter(create("c3", "user-3", "d3", 1_000));
        stack.deadLetter(pay("p3", "user-3", "d3", 100));

        CliRun dryRun = replay("--dry-run");
        CliRun byGroup = replay("--group", "user-2");
        CliRun older = replay("--older-than", "1h");

        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.out()).contains("dry run (nothing sent or deleted): replayed=5");
        assertThat(byGroup.exitCode()).as(byGroup.err()).isZero();
        assertThat(byGroup.out()).contains("replayed=1 ").contains("held=0").contains("left=0 dlq=4");
        assertThat(stack.drain(stack.queues.queueUrl()))
                .extracting(Message::body)
                .containsExactly(create("c2", "user-2", "d2", 1_000).toJson());
        assertThat(older.out())
                .as("everything is newer than an hour")
                .contains("replayed=0")
                .contains("left=0 dlq=4");

        CliRun paymentsOnly = replay("--command-type", "record_payment");

        assertThat(paymentsOnly.exitCode())
                .as("each payment waits behind its group's unselected create")
                .isEqualTo(1);
        assertThat(paymentsOnly.out()).contains("replayed=0").contains("held=2").contains("left=2");
        assertThat(paymentsOnly.err())
                .contains("group user-1: 1 selected message(s) left in the DLQ, in order, behind message")
                .contains("(outside the selection)");

        CliRun createsOnly = replay("--command-type", "CREATE_DEBT", "--max", "1");

        assertThat(createsOnly.out()).contains("replayed=1 ");
        assertThat(stack.drain(stack.queues.queueUrl())).hasSize(1);
        assertThat(replay("--newer-than", "1h").out()).contains("replayed=3 ").contains("left=0 dlq=0");
    }

    @Test
    void replay_withCopy_leavesTheOriginals_andPurgeAppliedDeletesCommandsThatAlreadyHaveAnOutcome() {
        CommandEnvelope applied = create("c1", "user-1", "d1", 1_000);
        CommandEnvelope rejected = create("c2", "user-2", "d2", 1_000);
        CommandEnvelope accepted = create("c3", "user-3", "d3", 1_000);
        List.of(applied, rejected, accepted).forEach(stack::deadLetter);
        stack.status(applied, "APPLIED");
        stack.status(rejected, "REJECTED");
        stack.status(accepted, "ACCEPTED");

        CliRun copy = replay("--copy");

        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("replayed=0 copied=3").contains("dlq=3");
        assertThat(stack.drain(stack.queues.queueUrl())).hasSize(3);
        assertThat(stack.peekDeadLetters()).hasSize(3);

        CliRun withoutTable = replay("--purge-applied");
        CliRun purge = replay("--purge-applied", "--commands-table", stack.commandsTable);

        assertThat(withoutTable.exitCode()).isEqualTo(2);
        assertThat(withoutTable.err()).contains("--purge-applied needs the commands table");
        assertThat(purge.exitCode()).as(purge.err()).isZero();
        assertThat(purge.out()).contains("replayed=1 ").contains("purged=2").contains("left=0 dlq=0");
        assertThat(stack.drain(stack.queues.queueUrl()))
                .extracting(Message::body)
                .containsExactly(accepted.toJson());
    }

    @Test
    void replay_whenAMessageIsInFlightElsewhere_countsItAsLeft_andWaitsForItWhenAskedTo() {
        stack.deadLetter(create("c1", "user-1", "d1", 1_000));
        stack.deadLetter(create("c2", "user-2", "d2", 1_000));
        Message taken = stack.sqs
                .receiveMessage(request -> request.queueUrl(stack.queues.deadLetterQueueUrl())
                        .maxNumberOfMessages(1)
                        .visibilityTimeout(60))
                .messages()
                .get(0);

        CliRun impatient = replay("--wait-in-flight", "1s");

        assertThat(impatient.exitCode())
                .as("not done while a message is in flight")
                .isEqualTo(1);
        assertThat(impatient.out()).contains("replayed=1 ").contains("left=1 dlq=1");

        stack.sqs.changeMessageVisibility(request -> request.queueUrl(stack.queues.deadLetterQueueUrl())
                .receiptHandle(taken.receiptHandle())
                .visibilityTimeout(2));
        CliRun patient = replay("--wait-in-flight", "60s");

        assertThat(patient.exitCode()).as(patient.err()).isZero();
        assertThat(patient.out()).contains("replayed=1 ").contains("left=0 dlq=0");
        assertThat(stack.drain(stack.queues.queueUrl()))
                .extracting(Message::body)
                .containsExactlyInAnyOrder(
                        create("c1", "user-1", "d1", 1_000).toJson(),
                        create("c2", "user-2", "d2", 1_000).toJson());
    }

    @Test
    void replay_listsUnparseableMessagesAndLeavesThem_unlessAskedToDeleteThem() {
        String poison = stack.deadLetterUnparseable("user-1");
        stack.deadLetter(create("c1", "user-1", "d1", 1_000));

        CliRun first = replay();

        assertThat(first.exitCode()).as("something is left").isEqualTo(1);
        assertThat(first.out())
                .contains("replayed=1 ")
                .contains("unparseable=1")
                .contains("left=1 dlq=1");
        assertThat(first.err())
                .contains("message " + poison + " (group user-1): unparseable (MALFORMED_JSON), left in the DLQ")
                .doesNotContain("not json");
        assertThat(stack.peekDeadLetters()).extracting(Message::messageId).containsExactly(poison);

        CliRun delete = replay("--delete-unparseable");

        assertThat(delete.exitCode()).isZero();
        assertThat(delete.out()).contains("unparseable=1").contains("left=0 dlq=0");
        assertThat(stack.peekDeadLetters()).isEmpty();
    }

    @Test
    void replay_serverSide_startsAMoveTaskAndShowsItsProgress_refusesFilters_andJudgesByWhatIsLeftInTheDlq() {
        stack.deadLetter(create("c1", "user-1", "d1", 1_000));
        stack.deadLetter(create("c2", "user-2", "d2", 1_000));

        CliRun filtered = replay("--server-side", "--group", "user-1");
        CliRun move = replay("--server-side");

        assertThat(filtered.exitCode()).isEqualTo(2);
        assertThat(filtered.err()).contains("--server-side moves every message");
        assertThat(move.out()).startsWith("server-side move COMPLETED: moved=");
        assertThat(move.err()).contains("move task progress:");
        // A move task's word is not trusted (ElasticMQ 1.7.1 once reported COMPLETED without moving FIFO messages):
        // the exit code comes from the DLQ's own count, never from the task's word.
        long left = stack.peekDeadLetters().size();
        assertThat(move.out()).endsWith("left=" + left + System.lineSeparator());
        assertThat(move.exitCode()).isEqualTo(left == 0 ? 0 : 1);
    }

    @Test
    void preview_listsEachMessageWithItsCommandsStatus_andLeavesEverythingInTheDlq() throws Exception {
        CommandEnvelope applied = create("c1", "user-1", "d1", 1_000);
        CommandEnvelope accepted = pay("p1", "user-1", "d1", 100);
        CommandEnvelope unknown = create("c2", "user-2", "d2", 1_000);
        List.of(applied, accepted, unknown).forEach(stack::deadLetter);
        String poison = stack.deadLetterUnparseable("user-3");
        stack.status(applied, "APPLIED");
        stack.status(accepted, "ACCEPTED");

        CliRun table = CliRun.against(
                SQS.endpoint().toString(),
                "dlq",
                "preview",
                "--dlq-url",
                stack.queues.deadLetterQueueUrl(),
                "--commands-table",
                stack.commandsTable,
                "--dynamodb-endpoint",
                DYNAMODB.endpoint().toString());
        CliRun json = CliRun.against(
                SQS.endpoint().toString(),
                "dlq",
                "preview",
                "--format",
                "json",
                "--dlq-url",
                stack.queues.deadLetterQueueUrl(),
                "--commands-table",
                stack.commandsTable,
                "--dynamodb-endpoint",
                DYNAMODB.endpoint().toString());

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("MESSAGE_ID")
                .contains("c1")
                .contains("RECORD_PAYMENT")
                .contains("UNPARSEABLE")
                .contains("listed=4 dlq=4 ACCEPTED=1 APPLIED=1 UNKNOWN=1 UNPARSEABLE=1")
                .doesNotContain("Alice")
                .doesNotContain("not json");
        var root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("counts").get("APPLIED").asInt()).isEqualTo(1);
        assertThat(root.get("messages")).hasSize(4);
        assertThat(root.get("messages").findValuesAsText("messageId")).contains(poison);
        assertThat(stack.peekDeadLetters()).as("nothing moved, nothing deleted").hasSize(4);
    }

    private CliRun replay(String... options) {
        List<String> args = new ArrayList<>(List.of(
                "dlq",
                "replay",
                "--dlq-url",
                stack.queues.deadLetterQueueUrl(),
                "--queue-url",
                stack.queues.queueUrl(),
                "--dynamodb-endpoint",
                DYNAMODB.endpoint().toString()));
        args.addAll(List.of(options));
        if (!args.contains("--wait-in-flight")) {
            args.addAll(List.of("--wait-in-flight", "2s"));
        }
        return CliRun.against(SQS.endpoint().toString(), args.toArray(String[]::new));
    }
}
