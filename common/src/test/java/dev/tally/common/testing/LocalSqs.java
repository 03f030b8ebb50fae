package dev.tally.common.testing;

import dev.tally.common.aws.AwsClients;
import dev.tally.local.sqs.EmbeddedSqsServer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An embedded SQS (Tally's own, {@code local/sqs}, ADR 0173) on a dynamic loopback port for integration tests, started once per
 * test class:
 * <pre>{@code
 * @RegisterExtension
 * static final LocalSqs SQS = new LocalSqs();
 * ...
 * FifoQueues queues = SQS.createFifoQueueWithDeadLetterQueue("commands.fifo", "commands-dlq.fifo", 5, 30);
 * }</pre>
 * or {@code try (LocalSqs sqs = new LocalSqs().start()) { ... }}.
 */
public final class LocalSqs implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private EmbeddedSqsServer server;
    private URI endpoint;

    /** Starts the server (once; later calls return this); it is bound when this returns. */
    public synchronized LocalSqs start() {
        if (server == null) {
            server = EmbeddedSqsServer.builder()
                    .region(LocalAws.REGION)
                    .accountId(LocalAws.ACCOUNT_ID)
                    .start();
            endpoint = server.endpoint();
        }
        return this;
    }

    /** The endpoint URL. */
    public synchronized URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException(
                    "LocalSqs is not started: register it with @RegisterExtension or call start()");
        }
        return endpoint;
    }

    /** {@code AWS_REGION} and {@code AWS_ENDPOINT_URL_SQS}, for a function's environment lookup. */
    public Map<String, String> environment() {
        return LocalAws.environment(Map.of("AWS_ENDPOINT_URL_SQS", endpoint().toString()));
    }

    /** A client built by Tally's {@link AwsClients} against this endpoint. */
    public SqsClient client() {
        return LocalAws.clients(environment()).sqs();
    }

    /**
     * Creates a FIFO dead-letter queue, then a FIFO queue whose {@code RedrivePolicy} (set at
     * CreateQueue time) sends a message there
     * after {@code maxReceiveCount} receives.
     *
     * @param name the queue name, ending in {@code .fifo}
     * @param deadLetterName the dead-letter queue name, ending in {@code .fifo}
     */
    public FifoQueues createFifoQueueWithDeadLetterQueue(
            String name, String deadLetterName, int maxReceiveCount, int visibilityTimeoutSeconds) {
        requireFifoName(name);
        requireFifoName(deadLetterName);
        try (SqsClient sqs = client()) {
            String deadLetterUrl = sqs.createQueue(request ->
                            request.queueName(deadLetterName).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            String deadLetterArn = sqs.getQueueAttributes(
                            request -> request.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String redrivePolicy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\""
                    + maxReceiveCount + "\"}";
            String queueUrl = sqs.createQueue(request -> request.queueName(name)
                            .attributes(Map.of(
                                    QueueAttributeName.FIFO_QUEUE,
                                    "true",
                                    QueueAttributeName.VISIBILITY_TIMEOUT,
                                    String.valueOf(visibilityTimeoutSeconds),
                                    QueueAttributeName.REDRIVE_POLICY,
                                    redrivePolicy)))
                    .queueUrl();
            return new FifoQueues(queueUrl, deadLetterUrl, deadLetterArn);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
            endpoint = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private static void requireFifoName(String name) {
        if (name == null || !name.endsWith(".fifo")) {
            throw new IllegalArgumentException("A FIFO queue name must end in .fifo, was " + name);
        }
    }
}
