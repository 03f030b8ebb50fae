package dev.tally.local.runtime.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tally.local.runtime.RecordingPlatformLog;
import dev.tally.local.runtime.TestFunctionJar;
import dev.tally.local.runtime.lambda.ContainerLauncher;
import dev.tally.local.runtime.lambda.FunctionSpec;
import dev.tally.local.runtime.lambda.LocalLambda;
import dev.tally.local.runtime.sqs.EmbeddedSqs;
import dev.tally.local.runtime.stack.LocalClients;
import dev.tally.local.runtime.stack.QueueDepth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS event source mapping against the embedded SQS, with a real function container. Each
 * test names the AWS documentation behaviour it checks.
 */
class SqsEventSourceMappingIT {

    private static final String REGION = "eu-west-1";
    private static EmbeddedSqs embeddedSqs;
    private static LocalClients clients;

    @TempDir
    Path directory;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private Path recordFile;

    @BeforeAll
    static void startSqs() {
        embeddedSqs = EmbeddedSqs.start(0, REGION, LocalLambda.ACCOUNT_ID);
        clients = new LocalClients(REGION, embeddedSqs.endpoint(), null);
    }

    @AfterAll
    static void stopSqs() {
        clients.close();
        embeddedSqs.close();
    }

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private record Queues(String url, String arn, String dlqUrl) {}

    private Queues queues(boolean fifo, int visibilitySeconds, int maxReceiveCount) {
        SqsClient sqs = clients.sqs();
        String suffix = fifo ? ".fifo" : "";
        String name = "q" + UUID.randomUUID().toString().substring(0, 8);
        Map<QueueAttributeName, String> dlqAttributes = fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
        String dlqUrl = sqs.createQueue(r -> r.queueName(name + "-dlq" + suffix).attributes(dlqAttributes))
                .queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        var attributes = new java.util.HashMap<QueueAttributeName, String>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds));
        attributes.put(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}");
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String url = sqs.createQueue(r -> r.queueName(name + suffix).attributes(attributes))
                .queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return new Queues(url, arn, dlqUrl);
    }

    private LocalLambda lambda(int timeoutSeconds) {
        recordFile = directory.resolve("record.txt");
        FunctionSpec probe = new FunctionSpec(
                "Probe",
                "dev.tally.local.runtime.testfunctions.SqsProbeHandler",
                TestFunctionJar.path(),
                256,
                Duration.ofSeconds(timeoutSeconds),
                Map.of("RECORD_FILE", recordFile.toString()),
                1);
        ContainerLauncher launcher = new ContainerLauncher(
                directory.resolve("tasks"), Map.of("AWS_REGION", REGION), ContainerLauncher.defaultJvmFlags());
        LocalLambda lambda = new LocalLambda(
                List.of(probe),
                launcher,
                new RecordingPlatformLog(directory.resolve("reports.jsonl")),
                REGION,
                Duration.ofMinutes(5));
        resources.add(lambda);
        return lambda;
    }

    private void map(Queues queues, LocalLambda lambda, int batchSize, Duration window, boolean reportFailures) {
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(
                new SqsEventSource("Probe", queues.url(), queues.arn(), batchSize, window, reportFailures, 1),
                clients.sqs(),
                lambda,
                REGION);
        mapping.start();
        resources.add(0, mapping);
    }

    private void send(Queues queues, String... bodies) {
        for (String body : bodies) {
            clients.sqs().sendMessage(r -> r.queueUrl(queues.url()).messageBody(body));
        }
    }

    private void sendFifo(Queues queues, String group, String... bodies) {
        for (String body : bodies) {
            clients.sqs()
                    .sendMessage(r -> r.queueUrl(queues.url())
                            .messageBody(body)
                            .messageGroupId(group)
                            .messageDeduplicationId(UUID.randomUUID().toString()));
        }
    }

    /** {@code seen} lines as [requestId, body, receiveCount, epochMillis, firstReceiveMillis]. */
    private List<String[]> seen() throws IOException {
        if (!Files.exists(recordFile)) {
            return List.of();
        }
        return Files.readAllLines(recordFile).stream()
                .filter(line -> line.startsWith("seen|"))
                .map(line -> line.substring(5).split("\\|"))
                .toList();
    }

    private List<String> seenBodies() throws IOException {
        return seen().stream().map(fields -> fields[1]).toList();
    }

    private int depth(String queueUrl) {
        return QueueDepth.of(clients, queueUrl);
    }

    /**
     * services-sqs-errorhandling.html, "Implementing partial batch responses": only the failed messages become
     * visible again (after the visibility timeout); the queue's redrive policy moves a message to the DLQ after
     * maxReceiveCount receives (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
     */
    @Test
    void partialFailure_retriesOnlyFailedMessage_afterVisibilityTimeout_thenDeadLetters() throws Exception {
        Queues queues = queues(false, 2, 2);
        send(queues, "ok-1", "fail-2", "ok-3");
        map(queues, lambda(2), 10, Duration.ZERO, true);

        await().atMost(Duration.ofSeconds(60)).until(() -> depth(queues.dlqUrl()) == 1 && depth(queues.url()) == 0);

        assertThat(seenBodies()).filteredOn(body -> body.startsWith("ok")).containsExactlyInAnyOrder("ok-1", "ok-3");
        List<String[]> failing =
                seen().stream().filter(fields -> fields[1].equals("fail-2")).toList();
        assertThat(failing).extracting(fields -> fields[2]).containsExactly("1", "2");
        long sinceFirstReceive = Long.parseLong(failing.get(1)[3]) - Long.parseLong(failing.get(1)[4]);
        assertThat(sinceFirstReceive)
                .as("redelivered only after the 2 s visibility timeout")
                .isGreaterThanOrEqualTo(2000);
        String dlqBody = clients.sqs()
                .receiveMessage(r -> r.queueUrl(queues.dlqUrl()))
                .messages()
                .get(0)
                .body();
        assertThat(dlqBody).isEqualTo("fail-2");
    }

    /**
     * services-sqs-errorhandling.html: partial batch responses are processed only when ReportBatchItemFailures is
     * turned on; without it a function that returns normally succeeded for the whole batch.
     */
    @Test
    void withoutReportBatchItemFailures_returnedFailuresAreIgnored_andBatchDeleted() throws Exception {
        Queues queues = queues(false, 2, 2);
        send(queues, "fail-1", "ok-2");
        map(queues, lambda(2), 10, Duration.ZERO, false);

        await().atMost(Duration.ofSeconds(30)).until(() -> seenBodies().size() == 2 && depth(queues.url()) == 0);

        assertThat(depth(queues.dlqUrl())).isZero();
        assertThat(seen()).extracting(fields -> fields[2]).containsOnly("1");
    }

    /** services-sqs-errorhandling.html: "If your function throws an exception, the whole batch is considered a complete failure." */
    @Test
    void functionError_failsWholeBatch_everyMessageRetried() throws Exception {
        Queues queues = queues(false, 2, 2);
        send(queues, "ok-1", "throw");
        map(queues, lambda(2), 10, Duration.ZERO, true);

        await().atMost(Duration.ofSeconds(60)).until(() -> depth(queues.dlqUrl()) == 2);

        assertThat(seen())
                .filteredOn(fields -> fields[1].equals("ok-1"))
                .extracting(fields -> fields[2])
                .containsExactly("1", "2");
    }

    /** services-sqs-errorhandling.html, "Success and failure conditions": an itemIdentifier not in the batch fails the whole batch; an empty list succeeds. */
    @Test
    void invalidBatchResponse_failsWholeBatch_emptyListSucceeds() throws Exception {
        Queues invalid = queues(false, 2, 2);
        send(invalid, "respond:{\"batchItemFailures\":[{\"itemIdentifier\":\"no-such-id\"}]}");
        LocalLambda lambda = lambda(2);
        map(invalid, lambda, 10, Duration.ZERO, true);
        await().atMost(Duration.ofSeconds(60)).until(() -> depth(invalid.dlqUrl()) == 1);
        assertThat(seen()).extracting(fields -> fields[2]).containsExactly("1", "2");

        Queues valid = queues(false, 2, 2);
        send(valid, "respond:{\"batchItemFailures\":[]}");
        map(valid, lambda, 10, Duration.ZERO, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> seen().size() == 3 && depth(valid.url()) == 0);
        assertThat(depth(valid.dlqUrl())).isZero();
    }

    /** with-sqs.html, BatchSize: at most BatchSize records per invocation. */
    @Test
    void batchSize_limitsRecordsPerInvocation() throws Exception {
        Queues queues = queues(false, 10, 3);
        send(queues, "ok-1", "ok-2", "ok-3", "ok-4", "ok-5");
        map(queues, lambda(5), 2, Duration.ZERO, true);

        await().atMost(Duration.ofSeconds(30)).until(() -> seenBodies().size() == 5);

        var perInvocation = seen().stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        fields -> fields[0], java.util.stream.Collectors.counting()));
        assertThat(perInvocation.values()).allMatch(count -> count <= 2);
        assertThat(perInvocation).hasSizeGreaterThanOrEqualTo(3);
    }

    /** with-sqs.html, MaximumBatchingWindowInSeconds: Lambda gathers records for up to the window before invoking. */
    @Test
    void batchingWindow_gathersMessagesSentOverTime_intoOneInvocation() throws Exception {
        Queues queues = queues(false, 10, 3);
        map(queues, lambda(5), 10, Duration.ofSeconds(3), true);

        send(queues, "ok-1");
        Thread.sleep(300); // spread the sends over time inside the window: this is what the test is about
        send(queues, "ok-2");
        Thread.sleep(300);
        send(queues, "ok-3");

        await().atMost(Duration.ofSeconds(30)).until(() -> seenBodies().size() == 3);
        assertThat(seen()).extracting(fields -> fields[0]).containsOnly(seen().get(0)[0]);
    }

    /**
     * with-sqs.html / services-sqs-errorhandling.html, FIFO: "your function should stop processing messages after
     * the first failure and return all failed and unprocessed messages in batchItemFailures" — the group's later
     * messages are never processed before the failed one, and other groups are not held up.
     */
    @Test
    void fifo_keepsGroupOrder_whenAMessageFailsOnce() throws Exception {
        Queues queues = queues(true, 2, 5);
        sendFifo(queues, "A", "a1", "failonce-a2", "a3");
        sendFifo(queues, "B", "b1", "b2");
        map(queues, lambda(2), 10, Duration.ZERO, true);

        await().atMost(Duration.ofSeconds(60)).until(() -> seenBodies().contains("a3") && depth(queues.url()) == 0);

        List<String> groupA =
                seenBodies().stream().filter(body -> body.contains("a")).toList();
        assertThat(groupA).containsExactly("a1", "failonce-a2", "failonce-a2", "a3");
        assertThat(seenBodies().stream().filter(body -> body.startsWith("b")).toList())
                .containsExactly("b1", "b2");
        assertThat(depth(queues.dlqUrl())).isZero();
    }

    /** API_CreateEventSourceMapping: the queue's visibility timeout may not be shorter than the function timeout. */
    @Test
    void start_whenVisibilityTimeoutBelowFunctionTimeout_isRefused() {
        Queues queues = queues(false, 2, 2);
        LocalLambda lambda = lambda(5);
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(
                new SqsEventSource("Probe", queues.url(), queues.arn(), 10, Duration.ZERO, true, 1),
                clients.sqs(),
                lambda,
                REGION);

        assertThatThrownBy(mapping::start)
                .hasMessageContaining("visibility timeout 2 seconds is less than function timeout 5 seconds");
    }
}
