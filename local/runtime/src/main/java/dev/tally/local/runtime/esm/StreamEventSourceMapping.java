package dev.tally.local.runtime.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.runtime.lambda.LocalLambda;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda's poller for a DynamoDB stream: reads every shard in order through the Streams API
 * (parents before children), gathers batches (batch size, batching window) and hands each to the
 * {@link StreamBatchProcessor}. After a batch it reads again at once; an idle shard is polled every
 * {@value #IDLE_POLL_MILLIS} ms, more often than Lambda's about four times a second (ADR 0113): on
 * AWS that poll interval is most of a record's latency, locally a GetRecords costs well under a
 * millisecond.
 */
public final class StreamEventSourceMapping implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StreamEventSourceMapping.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long IDLE_POLL_MILLIS = 25;

    private final StreamEventSource source;
    private final DynamoDbStreamsClient streams;
    private final StreamBatchProcessor processor;
    private final Map<String, ShardCursor> shards = new LinkedHashMap<>();
    private Thread poller;
    private volatile boolean running;

    /** Where the mapping is in one shard. */
    private static final class ShardCursor {
        final Shard shard;
        String iterator;
        String lastSequenceNumber;
        boolean finished;

        ShardCursor(Shard shard) {
            this.shard = shard;
        }
    }

    public StreamEventSourceMapping(
            StreamEventSource source, DynamoDbStreamsClient streams, SqsClient sqs, LocalLambda lambda, String region) {
        this.source = source;
        this.streams = streams;
        this.processor = new StreamBatchProcessor(source, lambda, sqs, JSON, region);
    }

    /** Positions on the stream (the starting position applies to the shards open now) and starts polling. */
    public void start() {
        discoverShards(source.startingPosition());
        running = true;
        poller = new Thread(this::poll, "stream-" + source.functionName());
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        long lastDiscovery = System.currentTimeMillis();
        while (running) {
            try {
                if (System.currentTimeMillis() - lastDiscovery > 2_000) {
                    discoverShards(ShardIteratorType.TRIM_HORIZON.toString());
                    lastDiscovery = System.currentTimeMillis();
                }
                boolean delivered = false;
                for (ShardCursor cursor : List.copyOf(shards.values())) {
                    if (!cursor.finished && parentFinished(cursor) && running) {
                        delivered |= readShard(cursor);
                    }
                }
                if (!delivered) {
                    Thread.sleep(IDLE_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SdkException e) {
                if (running) {
                    LOG.log(
                            Level.WARNING,
                            "stream poll for " + source.functionName() + " failed: "
                                    + e.getClass().getSimpleName());
                    sleepQuietly(1_000);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "stream poller of " + source.functionName() + " failed: " + e.getMessage());
                    sleepQuietly(1_000);
                }
            }
        }
    }

    /** Reads a batch from the shard (gathering over the batching window) and processes it; true if records were delivered. */
    private boolean readShard(ShardCursor cursor) {
        List<Record> batch = new ArrayList<>();
        long windowEnd =
                System.currentTimeMillis() + source.maximumBatchingWindow().toMillis();
        do {
            GetRecordsResponse response = getRecords(cursor, source.batchSize() - batch.size());
            batch.addAll(response.records());
            cursor.iterator = response.nextShardIterator();
            if (cursor.iterator == null) {
                cursor.finished = true;
                break;
            }
            if (response.records().isEmpty() && System.currentTimeMillis() < windowEnd && !batch.isEmpty()) {
                sleepQuietly(IDLE_POLL_MILLIS);
            }
        } while (running && batch.size() < source.batchSize() && System.currentTimeMillis() < windowEnd);
        if (batch.isEmpty()) {
            return false;
        }
        processor.process(cursor.shard.shardId(), batch, () -> running);
        cursor.lastSequenceNumber = batch.get(batch.size() - 1).dynamodb().sequenceNumber();
        return true;
    }

    private GetRecordsResponse getRecords(ShardCursor cursor, int limit) {
        try {
            return streams.getRecords(
                    request -> request.shardIterator(cursor.iterator).limit(Math.min(limit, 1000)));
        } catch (ExpiredIteratorException e) {
            cursor.iterator = iterator(
                    cursor.shard.shardId(),
                    cursor.lastSequenceNumber == null
                            ? ShardIteratorType.TRIM_HORIZON.toString()
                            : ShardIteratorType.AFTER_SEQUENCE_NUMBER.toString(),
                    cursor.lastSequenceNumber);
            return streams.getRecords(
                    request -> request.shardIterator(cursor.iterator).limit(Math.min(limit, 1000)));
        }
    }

    private boolean parentFinished(ShardCursor cursor) {
        String parent = cursor.shard.parentShardId();
        ShardCursor parentCursor = parent == null ? null : shards.get(parent);
        return parentCursor == null || parentCursor.finished;
    }

    private void discoverShards(String positionForNewShards) {
        String lastShard = null;
        do {
            String start = lastShard;
            var description = streams.describeStream(
                            request -> request.streamArn(source.streamArn()).exclusiveStartShardId(start))
                    .streamDescription();
            for (Shard shard : description.shards()) {
                shards.computeIfAbsent(shard.shardId(), id -> {
                    ShardCursor cursor = new ShardCursor(shard);
                    cursor.iterator = iterator(id, positionForNewShards, null);
                    return cursor;
                });
            }
            lastShard = description.lastEvaluatedShardId();
        } while (lastShard != null);
    }

    private String iterator(String shardId, String type, String sequenceNumber) {
        return streams.getShardIterator(request -> request.streamArn(source.streamArn())
                        .shardId(shardId)
                        .shardIteratorType(type)
                        .sequenceNumber(sequenceNumber))
                .shardIterator();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling; a batch in flight ends its current invocation first. */
    @Override
    public void close() {
        running = false;
        if (poller != null) {
            try {
                poller.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
