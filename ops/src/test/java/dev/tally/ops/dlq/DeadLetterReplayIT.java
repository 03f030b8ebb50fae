package dev.tally.ops.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.testing.FifoQueues;
import dev.tally.common.testing.LocalSqs;
import dev.tally.ops.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** {@code tally ops dlq replay} against ElasticMQ, through the CLI entry point. */
class DeadLetterReplayIT {

    @RegisterExtension
    static final LocalSqs SQS = new LocalSqs();

    private static SqsClient sqs;

    @BeforeAll
    static void client() {
        sqs = SQS.client();
    }

    @AfterAll
    static void close() {
        sqs.close();
    }

    @Test
    void replay_movesEveryMessageToTheQueueKeepingGroupsAndOrder_andDeletesThemFromTheDlq() {
        FifoQueues queues = queues();
        List<String> bodies = List.of("{\"commandId\":\"c1\"}", "{\"commandId\":\"c2\"}", "{\"commandId\":\"c3\"}",
                "{\"commandId\":\"c4\"}", "{\"commandId\":\"c5\"}");
        List<String> groups = List.of("user-1", "user-2", "user-1", "user-2", "user-1");
        for (int i = 0; i < bodies.size(); i++) {
            sendToDlq(queues, groups.get(i), bodies.get(i), Map.of("commandType", text("CreateDebt")));
        }

        CliRun run = CliRun.against(SQS.endpoint().toString(), "dlq", "replay",
                "--dlq-url", queues.deadLetterQueueUrl(), "--queue-url", queues.queueUrl());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("replayed=5 skipped=0 failed=0").doesNotContain("commandId");
        List<Message> replayed = drain(queues.queueUrl());
        assertThat(replayed).extracting(Message::body).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(bodiesOfGroup(replayed, "user-1")).containsExactly(bodies.get(0), bodies.get(2), bodies.get(4));
        assertThat(bodiesOfGroup(replayed, "user-2")).containsExactly(bodies.get(1), bodies.get(3));
        assertThat(replayed).allSatisfy(message -> {
            assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).startsWith("replay-");
            assertThat(message.messageAttributes().get("commandType").stringValue()).isEqualTo("CreateDebt");
        });
        assertThat(drain(queues.deadLetterQueueUrl())).isEmpty();
    }

    @Test
    void replay_whenTheSendFails_leavesEveryMessageInTheDlq() {
        FifoQueues queues = queues();
        sendToDlq(queues, "user-1", "{\"commandId\":\"f1\"}", Map.of());
        sendToDlq(queues, "user-2", "{\"commandId\":\"f2\"}", Map.of());
        String missingQueue = queues.queueUrl().replace(".fifo", "-missing.fifo");

        CliRun run = CliRun.against(SQS.endpoint().toString(), "dlq", "replay",
                "--dlq-url", queues.deadLetterQueueUrl(), "--queue-url", missingQueue);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("replayed=0 skipped=0 failed=2");
        assertThat(run.err()).contains("send failed, left in the DLQ").doesNotContain("commandId");
        assertThat(drain(queues.deadLetterQueueUrl())).extracting(Message::body)
                .containsExactlyInAnyOrder("{\"commandId\":\"f1\"}", "{\"commandId\":\"f2\"}");
    }

    @Test
    void replay_skipsUnparseableMessagesUnlessIncluded_andStripsTheWorkersAttributes() {
        FifoQueues queues = queues();
        sendToDlq(queues, "user-1", "not json", Map.of("failureReason", text("MALFORMED_JSON"),
                "failureDetail", text("body is not JSON"), "originalMessageId", text("m-1")));
        sendToDlq(queues, "user-1", "{\"commandId\":\"ok\"}", Map.of());

        CliRun first = CliRun.against(SQS.endpoint().toString(), "dlq", "replay",
                "--dlq-url", queues.deadLetterQueueUrl(), "--queue-url", queues.queueUrl());

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("replayed=1 skipped=1 failed=0");
        assertThat(drain(queues.queueUrl())).extracting(Message::body).containsExactly("{\"commandId\":\"ok\"}");

        CliRun second = CliRun.against(SQS.endpoint().toString(), "dlq", "replay", "--include-unparseable",
                "--dlq-url", queues.deadLetterQueueUrl(), "--queue-url", queues.queueUrl());

        assertThat(second.out()).contains("replayed=1 skipped=0 failed=0");
        assertThat(drain(queues.queueUrl())).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("not json");
            assertThat(message.messageAttributes()).doesNotContainKeys("failureReason", "failureDetail", "originalMessageId");
        });
        assertThat(drain(queues.deadLetterQueueUrl())).isEmpty();
    }

    @Test
    void replay_withMaxAndDryRun_movesOnlyWhatItWasAskedTo() {
        FifoQueues queues = queues();
        for (int i = 1; i <= 4; i++) {
            sendToDlq(queues, "user-" + i, "{\"commandId\":\"m" + i + "\"}", Map.of());
        }

        CliRun dryRun = CliRun.against(SQS.endpoint().toString(), "dlq", "replay", "--dry-run",
                "--dlq-url", queues.deadLetterQueueUrl(), "--queue-url", queues.queueUrl());
        CliRun limited = CliRun.against(SQS.endpoint().toString(), "dlq", "replay", "--max", "3",
                "--dlq-url", queues.deadLetterQueueUrl(), "--queue-url", queues.queueUrl());

        assertThat(dryRun.out()).contains("dry run").contains("replayed=4 skipped=0 failed=0");
        assertThat(limited.out()).contains("replayed=3 skipped=0 failed=0");
        assertThat(drain(queues.queueUrl())).hasSize(3);
        assertThat(drain(queues.deadLetterQueueUrl())).hasSize(1);
    }

    @Test
    void replay_whenTheQueueIsNotFifo_failsNamingTheOption() {
        CliRun run = CliRun.against(SQS.endpoint().toString(), "dlq", "replay",
                "--dlq-url", "http://127.0.0.1:1/000000000000/dlq", "--queue-url", "http://127.0.0.1:1/q.fifo");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--dlq-url must be the URL of a FIFO queue");
    }

    private static FifoQueues queues() {
        String name = "commands-" + UUID.randomUUID().toString().substring(0, 8);
        return SQS.createFifoQueueWithDeadLetterQueue(name + ".fifo", name + "-dlq.fifo", 5, 30);
    }

    private static void sendToDlq(FifoQueues queues, String group, String body, Map<String, MessageAttributeValue> attributes) {
        sqs.sendMessage(request -> request.queueUrl(queues.deadLetterQueueUrl()).messageBody(body).messageGroupId(group)
                .messageDeduplicationId(UUID.randomUUID().toString()).messageAttributes(attributes));
    }

    /** Receives and deletes until the queue is empty; FIFO order within each group is kept in the list. */
    private static List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message message : batch) {
                all.add(message);
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static List<String> bodiesOfGroup(List<Message> messages, String group) {
        return messages.stream().filter(message -> group.equals(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)))
                .map(Message::body).toList();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
