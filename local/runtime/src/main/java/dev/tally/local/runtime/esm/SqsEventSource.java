package dev.tally.local.runtime.esm;

import java.time.Duration;
import java.util.Objects;

/**
 * An SQS event source mapping as the template declares it, validated with Lambda's rules
 * (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html).
 *
 * @param functionName the function the batches go to
 * @param queueUrl the queue's URL at the SQS endpoint
 * @param queueArn the queue's ARN ({@code eventSourceARN} of each record)
 * @param batchSize most records per invocation (1–10,000; 1–10 for FIFO)
 * @param maximumBatchingWindow how long to gather records before invoking (0–300 s; not for FIFO)
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} has {@code ReportBatchItemFailures}
 * @param maximumConcurrency how many batches may be in flight at once (pollers)
 */
public record SqsEventSource(
        String functionName,
        String queueUrl,
        String queueArn,
        int batchSize,
        Duration maximumBatchingWindow,
        boolean reportBatchItemFailures,
        int maximumConcurrency) {

    public SqsEventSource {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(queueArn, "queueArn");
        Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
        String where = "SQS event of " + functionName + ": ";
        boolean fifo = queueArn.endsWith(".fifo");
        if (batchSize < 1 || batchSize > (fifo ? 10 : 10_000)) {
            throw new IllegalArgumentException(where + "BatchSize must be 1.." + (fifo ? 10 : 10_000)
                    + (fifo ? " for a FIFO queue" : "") + ", was " + batchSize);
        }
        long window = maximumBatchingWindow.toSeconds();
        if (window < 0 || window > 300) {
            throw new IllegalArgumentException(where + "MaximumBatchingWindowInSeconds must be 0..300, was " + window);
        }
        if (fifo && window > 0) {
            throw new IllegalArgumentException(
                    where + "MaximumBatchingWindowInSeconds is not supported for FIFO queues");
        }
        if (batchSize > 10 && window < 1) {
            throw new IllegalArgumentException(
                    where + "a BatchSize above 10 needs MaximumBatchingWindowInSeconds of at least 1");
        }
        if (maximumConcurrency < 1) {
            throw new IllegalArgumentException(
                    where + "the maximum concurrency must be at least 1, was " + maximumConcurrency);
        }
    }

    /** Whether the queue is a FIFO queue. */
    public boolean fifo() {
        return queueArn.endsWith(".fifo");
    }
}
