package dev.tally.ops.dlq;

import dev.tally.common.testing.LocalSqs;
import dev.tally.ops.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Fault injection on a real SQS client: each SendMessageBatch entry whose body contains a marker is
 * taken out of the request before it reaches the embedded SQS and reported back as a failed entry
 * ({@code InternalError}), as SQS reports a partly failed batch. The other entries really go through.
 */
final class FailingSends implements ExecutionInterceptor {

    private static final ExecutionAttribute<List<String>> DROPPED = new ExecutionAttribute<>("tally.droppedEntries");

    private final String marker;
    private final AtomicInteger failedEntries = new AtomicInteger();

    FailingSends(String marker) {
        this.marker = marker;
    }

    int failedEntries() {
        return failedEntries.get();
    }

    /** A replayer over the stack's queues whose sends go through this fault. */
    static DeadLetterReplayer replayer(LocalSqs sqs, FailingSends faults, ReplayStack stack) {
        SqsClient client = SqsClient.builder()
                .endpointOverride(sqs.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(faults))
                .build();
        PrintWriter discard = new PrintWriter(new StringWriter());
        return new DeadLetterReplayer(
                client,
                stack.queues.deadLetterQueueUrl(),
                stack.queues.queueUrl(),
                new CommandStatuses(null, null),
                ReplayLedger.appendingTo(null, Clock.systemUTC()),
                new Progress(discard, false, Clock.systemUTC(), "replay"),
                Clock.systemUTC(),
                new AtomicBoolean());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof SendMessageBatchRequest batch)) {
            return context.request();
        }
        List<SendMessageBatchRequestEntry> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : batch.entries()) {
            if (entry.messageBody().contains(marker)) {
                dropped.add(entry.id());
            } else {
                kept.add(entry);
            }
        }
        if (dropped.isEmpty()) {
            return batch;
        }
        if (kept.isEmpty()) {
            throw new IllegalStateException(
                    "test setup: put another group's message in the same round as the failing one");
        }
        failedEntries.addAndGet(dropped.size());
        attributes.putAttribute(DROPPED, dropped);
        return batch.toBuilder().entries(kept).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        List<String> dropped = attributes.getAttribute(DROPPED);
        if (dropped == null || !(context.response() instanceof SendMessageBatchResponse response)) {
            return context.response();
        }
        List<BatchResultErrorEntry> failed = new ArrayList<>(response.failed());
        dropped.forEach(id -> failed.add(BatchResultErrorEntry.builder()
                .id(id)
                .code("InternalError")
                .senderFault(false)
                .message("injected by the test")
                .build()));
        return response.toBuilder().failed(failed).build();
    }
}
