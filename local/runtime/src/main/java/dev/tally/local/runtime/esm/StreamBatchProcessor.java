package dev.tally.local.runtime.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.runtime.lambda.Invocation;
import dev.tally.local.runtime.lambda.InvocationResult;
import dev.tally.local.runtime.lambda.LocalLambda;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Takes one batch of a shard to its end, with Lambda's stream error handling
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html and
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html):
 * a failed invocation retries the batch (halved first when {@code BisectBatchOnFunctionError});
 * a partial batch response retries from the lowest failed sequence number; a batch that has
 * failed more than {@code MaximumRetryAttempts} times, or records older than
 * {@code MaximumRecordAgeInSeconds}, are discarded and described to the on-failure destination.
 * The shard does not move on until the batch is done, so records stay in order.
 */
final class StreamBatchProcessor {

    private static final System.Logger LOG = System.getLogger(StreamBatchProcessor.class.getName());

    private final StreamEventSource source;
    private final LocalLambda lambda;
    private final SqsClient sqs;
    private final ObjectMapper json;
    private final StreamRecordJson events;

    /** A set of records to (re)try, with how many times it has failed so far. */
    private record Attempt(List<Record> records, int failures) {}

    StreamBatchProcessor(
            StreamEventSource source, LocalLambda lambda, SqsClient sqs, ObjectMapper json, String region) {
        this.source = source;
        this.lambda = lambda;
        this.sqs = sqs;
        this.json = json;
        this.events = new StreamRecordJson(json, source.streamArn(), region);
    }

    void process(String shardId, List<Record> batch, BooleanSupplier running) {
        Deque<Attempt> pending = new ArrayDeque<>();
        pending.add(new Attempt(batch, 0));
        long backoffMillis = 100;
        while (!pending.isEmpty() && running.getAsBoolean()) {
            Attempt attempt = pending.pollFirst();
            List<Record> records = withoutExpired(shardId, attempt);
            if (records.isEmpty()) {
                continue;
            }
            Invocation invocation = Invocation.of(events.event(records));
            InvocationResult result;
            try {
                result = lambda.invoke(source.functionName(), invocation);
            } catch (RuntimeException e) {
                // Not invoked at all (e.g. the container cannot start): a failed attempt like any other.
                LOG.log(
                        Level.WARNING,
                        "stream batch for " + source.functionName() + " not delivered: " + e.getMessage());
                result = new InvocationResult.FunctionError("Runtime.InvokeError", new byte[0]);
            }
            List<Record> failed = failedRecords(records, result);
            if (failed.isEmpty()) {
                backoffMillis = 100;
                continue;
            }
            int failures = attempt.failures() + 1;
            String functionError = result instanceof InvocationResult.Success ? null : "Unhandled";
            if (source.maximumRetryAttempts() >= 0 && failures > source.maximumRetryAttempts()) {
                discard(
                        shardId,
                        failed,
                        invocation.requestId(),
                        StreamFailureRecord.Condition.RetryAttemptsExhausted,
                        failures,
                        functionError);
                continue;
            }
            boolean wholeBatchFailed = failed.size() == records.size() && functionError != null;
            if (source.bisectBatchOnFunctionError() && wholeBatchFailed && failed.size() > 1) {
                int half = failed.size() / 2;
                pending.addFirst(new Attempt(failed.subList(half, failed.size()), failures));
                pending.addFirst(new Attempt(failed.subList(0, half), failures));
            } else {
                pending.addFirst(new Attempt(failed, failures));
                pause(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /** The records to retry: all on an error or invalid response, those from the lowest reported sequence number on a partial failure. */
    private List<Record> failedRecords(List<Record> records, InvocationResult result) {
        if (!(result instanceof InvocationResult.Success success)) {
            return records;
        }
        if (!source.reportBatchItemFailures()) {
            return List.of();
        }
        Set<String> sequenceNumbers =
                records.stream().map(r -> r.dynamodb().sequenceNumber()).collect(Collectors.toSet());
        BatchResponse response = BatchResponse.interpret(success.payload(), sequenceNumbers, json);
        if (response instanceof BatchResponse.AllFailed all) {
            LOG.log(Level.WARNING, "stream batch of " + source.functionName() + " treated as failed: " + all.reason());
            return records;
        }
        if (response instanceof BatchResponse.ItemsFailed items) {
            for (int i = 0; i < records.size(); i++) {
                // Lambda checkpoints at the lowest failed sequence number and retries from there.
                if (items.itemIdentifiers().contains(records.get(i).dynamodb().sequenceNumber())) {
                    return records.subList(i, records.size());
                }
            }
        }
        return List.of();
    }

    private List<Record> withoutExpired(String shardId, Attempt attempt) {
        if (source.maximumRecordAgeSeconds() < 0) {
            return attempt.records();
        }
        Instant oldest = Instant.now().minusSeconds(source.maximumRecordAgeSeconds());
        List<Record> expired = new ArrayList<>();
        List<Record> fresh = new ArrayList<>();
        for (Record record : attempt.records()) {
            Instant created = record.dynamodb().approximateCreationDateTime();
            (created != null && created.isBefore(oldest) ? expired : fresh).add(record);
        }
        if (!expired.isEmpty()) {
            discard(shardId, expired, "", StreamFailureRecord.Condition.RecordAgeExceeded, attempt.failures(), null);
        }
        return fresh;
    }

    private void discard(
            String shardId,
            List<Record> records,
            String requestId,
            StreamFailureRecord.Condition condition,
            int invokeCount,
            String functionError) {
        LOG.log(
                Level.WARNING,
                "discarding " + records.size() + " stream record(s) of " + source.functionName() + " (" + condition
                        + ")");
        if (source.onFailureQueueUrl().isEmpty()) {
            return;
        }
        String body = StreamFailureRecord.json(
                json,
                records,
                shardId,
                source.streamArn(),
                lambda.functionArn(source.functionName()),
                requestId,
                condition,
                invokeCount,
                functionError);
        sqs.sendMessage(
                request -> request.queueUrl(source.onFailureQueueUrl().get()).messageBody(body));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
