package dev.tally.local.runtime.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.runtime.lambda.Invocation;
import dev.tally.local.runtime.lambda.InvocationResult;
import dev.tally.local.runtime.lambda.LocalLambda;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's SQS poller for one event source mapping: receives batches (batch size, batching
 * window), invokes the function synchronously, and deletes what succeeded. What is not deleted
 * becomes visible again after the queue's visibility timeout, and the queue's own redrive policy
 * moves it to the dead-letter queue after {@code maxReceiveCount} receives
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
 *
 * <p>FIFO queues keep order because SQS itself does not hand out a message group's next messages
 * while earlier ones of the group are in flight; failed messages stay in flight until their
 * visibility timeout ends, so a group waits for its failed message.
 */
public final class SqsEventSourceMapping implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SqsEventSourceMapping.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsEventSource source;
    private final SqsClient sqs;
    private final LocalLambda lambda;
    private final SqsEventBuilder events;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running;

    public SqsEventSourceMapping(SqsEventSource source, SqsClient sqs, LocalLambda lambda, String region) {
        this.source = source;
        this.sqs = sqs;
        this.lambda = lambda;
        this.events = new SqsEventBuilder(JSON, source.queueArn(), region);
    }

    /**
     * Checks the mapping as CreateEventSourceMapping does (the queue's visibility timeout must not be
     * shorter than the function's timeout) and starts polling.
     */
    public void start() {
        int visibility = Integer.parseInt(sqs.getQueueAttributes(request ->
                        request.queueUrl(source.queueUrl()).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributes()
                .get(QueueAttributeName.VISIBILITY_TIMEOUT));
        long functionTimeout = lambda.function(source.functionName()).timeout().toSeconds();
        if (visibility < functionTimeout) {
            throw new IllegalArgumentException("SQS event of " + source.functionName() + ": queue visibility timeout "
                    + visibility + " seconds is less than function timeout " + functionTimeout + " seconds");
        }
        running = true;
        for (int i = 0; i < source.maximumConcurrency(); i++) {
            Thread poller = new Thread(this::poll, "sqs-" + source.functionName() + "-" + i);
            poller.setDaemon(true);
            pollers.add(poller);
            poller.start();
        }
    }

    private void poll() {
        while (running) {
            try {
                List<Message> batch = gather();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (SdkException e) {
                if (running) {
                    LOG.log(
                            Level.WARNING,
                            "SQS poll for " + source.functionName() + " failed: "
                                    + e.getClass().getSimpleName());
                    pause(Duration.ofSeconds(1));
                }
            } catch (RuntimeException e) {
                // The function could not be invoked (e.g. its container cannot start): the batch stays
                // undeleted and returns after its visibility timeout; keep polling.
                if (running) {
                    LOG.log(
                            Level.WARNING,
                            "SQS batch for " + source.functionName() + " not delivered: " + e.getMessage());
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** Receives until the batch is full, the batching window (from the first record) ends, or nothing more comes. */
    private List<Message> gather() {
        List<Message> batch = new ArrayList<>();
        long windowEnd = Long.MAX_VALUE;
        while (running) {
            int wanted = Math.min(10, source.batchSize() - batch.size());
            long remaining = windowEnd == Long.MAX_VALUE ? 1000 : windowEnd - System.currentTimeMillis();
            int waitSeconds = (int) Math.max(0, Math.min(1, Math.ceil(remaining / 1000.0)));
            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(source.queueUrl())
                            .maxNumberOfMessages(wanted)
                            .waitTimeSeconds(waitSeconds)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .messageAttributeNames("All"))
                    .messages();
            batch.addAll(received);
            if (batch.isEmpty()) {
                return batch;
            }
            if (windowEnd == Long.MAX_VALUE) {
                windowEnd = System.currentTimeMillis()
                        + source.maximumBatchingWindow().toMillis();
            }
            if (batch.size() >= source.batchSize() || System.currentTimeMillis() >= windowEnd) {
                return batch;
            }
        }
        return batch;
    }

    private void deliver(List<Message> batch) {
        String incomingTrace = batch.get(0).attributesAsStrings().get("AWSTraceHeader");
        InvocationResult result =
                lambda.invoke(source.functionName(), Invocation.continuing(events.build(batch), incomingTrace));
        Set<String> ids = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        Set<String> failed;
        if (!(result instanceof InvocationResult.Success success)) {
            // An error or a timeout fails the whole batch: every message returns after its visibility timeout.
            failed = ids;
        } else if (!source.reportBatchItemFailures()) {
            failed = Set.of();
        } else {
            BatchResponse response = BatchResponse.interpret(success.payload(), ids, JSON);
            if (response instanceof BatchResponse.ItemsFailed items) {
                failed = items.itemIdentifiers();
            } else if (response instanceof BatchResponse.AllFailed all) {
                LOG.log(Level.WARNING, "SQS batch of " + source.functionName() + " treated as failed: " + all.reason());
                failed = ids;
            } else {
                failed = Set.of();
            }
        }
        delete(batch.stream()
                .filter(message -> !failed.contains(message.messageId()))
                .toList());
    }

    private void delete(List<Message> messages) {
        for (int start = 0; start < messages.size(); start += 10) {
            List<Message> chunk = messages.subList(start, Math.min(messages.size(), start + 10));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle())
                        .build());
            }
            var response = sqs.deleteMessageBatch(
                    request -> request.queueUrl(source.queueUrl()).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                LOG.log(
                        Level.WARNING,
                        "could not delete " + response.failed().size() + " processed message(s) of "
                                + source.functionName() + "; they will be delivered again");
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling and waits for the batches in flight to finish. */
    @Override
    public void close() {
        running = false;
        for (Thread poller : pollers) {
            try {
                poller.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
