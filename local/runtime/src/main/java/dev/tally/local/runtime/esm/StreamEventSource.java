package dev.tally.local.runtime.esm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A DynamoDB Streams event source mapping as the template declares it, validated with Lambda's
 * limits (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html).
 *
 * @param functionName the function the batches go to
 * @param streamArn the table's latest stream ARN
 * @param startingPosition {@code TRIM_HORIZON} or {@code LATEST}
 * @param batchSize most records per invocation (1–10,000)
 * @param maximumBatchingWindow how long to gather records before invoking (0–300 s)
 * @param bisectBatchOnFunctionError split a failed batch in two and retry the halves
 * @param maximumRetryAttempts retries of a failed batch, -1 for infinite (0–10,000)
 * @param maximumRecordAgeSeconds records older than this are discarded, -1 for infinite (60–604,800)
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} has {@code ReportBatchItemFailures}
 * @param onFailureQueueUrl the standard SQS queue discarded batches are described to, if any
 */
public record StreamEventSource(
        String functionName,
        String streamArn,
        String startingPosition,
        int batchSize,
        Duration maximumBatchingWindow,
        boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts,
        int maximumRecordAgeSeconds,
        boolean reportBatchItemFailures,
        Optional<String> onFailureQueueUrl) {

    public StreamEventSource {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(streamArn, "streamArn");
        Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
        Objects.requireNonNull(onFailureQueueUrl, "onFailureQueueUrl");
        String where = "DynamoDB event of " + functionName + ": ";
        if (!startingPosition.equals("TRIM_HORIZON") && !startingPosition.equals("LATEST")) {
            throw new IllegalArgumentException(
                    where + "StartingPosition must be TRIM_HORIZON or LATEST, was " + startingPosition);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(where + "BatchSize must be 1..10000, was " + batchSize);
        }
        long window = maximumBatchingWindow.toSeconds();
        if (window < 0 || window > 300) {
            throw new IllegalArgumentException(where + "MaximumBatchingWindowInSeconds must be 0..300, was " + window);
        }
        if (maximumRetryAttempts < -1 || maximumRetryAttempts > 10_000) {
            throw new IllegalArgumentException(
                    where + "MaximumRetryAttempts must be -1..10000, was " + maximumRetryAttempts);
        }
        if (maximumRecordAgeSeconds != -1 && (maximumRecordAgeSeconds < 60 || maximumRecordAgeSeconds > 604_800)) {
            throw new IllegalArgumentException(
                    where + "MaximumRecordAgeInSeconds must be -1 or 60..604800, was " + maximumRecordAgeSeconds);
        }
    }
}
