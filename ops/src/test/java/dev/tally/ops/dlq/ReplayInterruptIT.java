package dev.tally.ops.dlq;

import static dev.tally.ops.dlq.ReplayStack.bodiesOfGroup;
import static dev.tally.ops.dlq.ReplayStack.create;
import static dev.tally.ops.dlq.ReplayStack.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.LocalSqs;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.ops.CliRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Ctrl-C in the middle of a replay, then {@code --resume}: the CLI jar runs as a real process, gets a
 * real SIGINT, and the resumed run finishes the job with every command on the main queue exactly once.
 */
class ReplayInterruptIT {

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

    @Test
    void replay_interruptedBySigint_thenResumed_sendsEveryCommandExactlyOnceInGroupOrder() throws Exception {
        List<CommandEnvelope> commands = new ArrayList<>();
        for (int user = 1; user <= 3; user++) {
            commands.add(create("c" + user, "user-" + user, "d" + user, 10_000));
            for (int payment = 1; payment <= 4; payment++) {
                commands.add(pay("p" + user + "-" + payment, "user-" + user, "d" + user, 100));
            }
        }
        commands.forEach(stack::deadLetter);
        Path ledger = directory.resolve("replay.jsonl");
        Path output = directory.resolve("out.txt");
        Path errors = directory.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process replay = new ProcessBuilder(
                        java,
                        "-jar",
                        System.getProperty("cliJar"),
                        "dlq",
                        "replay",
                        "--dlq-url",
                        stack.queues.deadLetterQueueUrl(),
                        "--queue-url",
                        stack.queues.queueUrl(),
                        "--endpoint",
                        SQS.endpoint().toString(),
                        "--region",
                        "us-east-1",
                        "--rate",
                        "3",
                        "--ledger",
                        ledger.toString(),
                        "--wait-in-flight",
                        "2s")
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();

        await().atMost(Duration.ofMinutes(2)).until(() -> deletedLines(ledger) >= 4);
        new ProcessBuilder("kill", "-INT", Long.toString(replay.pid()))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(replay.waitFor(2, TimeUnit.MINUTES)).isTrue();

        String interruptedOut = Files.readString(output, StandardCharsets.UTF_8);
        String interruptedErr = Files.readString(errors, StandardCharsets.UTF_8);
        assertThat(replay.exitValue()).as(interruptedOut + interruptedErr).isNotZero();
        assertThat(interruptedOut).contains("interrupted: ");
        assertThat(interruptedErr).contains("stopped: resume with --resume " + ledger);
        long sentBeforeStop = deletedLines(ledger);
        assertThat(sentBeforeStop).isBetween(4L, (long) commands.size() - 1);

        CliRun resumed = CliRun.against(
                SQS.endpoint().toString(),
                "dlq",
                "replay",
                "--dlq-url",
                stack.queues.deadLetterQueueUrl(),
                "--queue-url",
                stack.queues.queueUrl(),
                "--resume",
                ledger.toString(),
                "--wait-in-flight",
                "2s");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("left=0 dlq=0");
        List<Message> onTheQueue = stack.drain(stack.queues.queueUrl());
        assertThat(onTheQueue)
                .extracting(Message::body)
                .as("each command exactly once")
                .containsExactlyInAnyOrderElementsOf(
                        commands.stream().map(CommandEnvelope::toJson).toList());
        for (int user = 1; user <= 3; user++) {
            String group = "user-" + user;
            assertThat(bodiesOfGroup(onTheQueue, group))
                    .as("order of " + group)
                    .containsExactlyElementsOf(commands.stream()
                            .filter(command -> command.userId().equals(group))
                            .map(CommandEnvelope::toJson)
                            .toList());
        }
        assertThat(deletedLines(ledger)).isEqualTo(commands.size());
        assertThat(stack.apply(onTheQueue)).isEmpty();
        for (int user = 1; user <= 3; user++) {
            assertThat(stack.debtsOf("user-" + user))
                    .singleElement()
                    .satisfies(debt -> assertThat(debt.paid()).isEqualTo(400));
        }
    }

    @Test
    void resume_whenTheLedgerSaysAMessageWasSentButNotDeleted_deletesItWithoutSendingItAgain() throws Exception {
        String sentEarlier = stack.deadLetter(create("c1", "user-1", "d1", 1_000));
        stack.deadLetter(create("c2", "user-2", "d2", 1_000));
        Path ledger = directory.resolve("killed.jsonl");
        Files.writeString(
                ledger,
                "{\"time\":\"2026-12-04T10:00:00Z\",\"messageId\":\"" + sentEarlier
                        + "\",\"group\":\"user-1\",\"commandId\":\"c1\",\"outcome\":\"SENT\"}\n{\"time\":\"2026-12-04T10:00:0");

        CliRun dryRun = CliRun.against(
                SQS.endpoint().toString(),
                "dlq",
                "replay",
                "--dry-run",
                "--dlq-url",
                stack.queues.deadLetterQueueUrl(),
                "--queue-url",
                stack.queues.queueUrl(),
                "--resume",
                ledger.toString(),
                "--wait-in-flight",
                "2s");
        CliRun resumed = CliRun.against(
                SQS.endpoint().toString(),
                "dlq",
                "replay",
                "--dlq-url",
                stack.queues.deadLetterQueueUrl(),
                "--queue-url",
                stack.queues.queueUrl(),
                "--resume",
                ledger.toString(),
                "--wait-in-flight",
                "2s");

        assertThat(dryRun.out()).contains("dry run (nothing sent or deleted): replayed=1 ");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("replayed=1 copied=0 resumed=1").contains("left=0 dlq=0");
        assertThat(stack.drain(stack.queues.queueUrl()))
                .extracting(Message::body)
                .containsExactly(create("c2", "user-2", "d2", 1_000).toJson());
    }

    private static long deletedLines(Path ledger) throws Exception {
        File file = ledger.toFile();
        if (!file.exists()) {
            return 0;
        }
        return Files.readAllLines(ledger).stream()
                .filter(line -> line.contains("\"outcome\":\"DELETED\""))
                .count();
    }
}
