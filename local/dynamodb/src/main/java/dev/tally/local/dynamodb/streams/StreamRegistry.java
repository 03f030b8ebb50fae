package dev.tally.local.dynamodb.streams;

import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.ItemSize;
import dev.tally.local.dynamodb.model.TableDefinition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** All streams, by ARN, with the table each belongs to; guarded by the database lock. */
public final class StreamRegistry {

    /** Records and closed streams are kept for 24 hours. */
    public static final long RETENTION_MILLIS = 24L * 60 * 60 * 1000;

    private static final DateTimeFormatter LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Map<String, TableStream> streams = new LinkedHashMap<>();
    private final Map<String, TableStream> currentByTable = new HashMap<>();
    private long sequence;

    /** Creates (but does not register) a new stream for a table being given a stream. */
    public TableStream create(TableDefinition table, String viewType, String region, long nowMillis) {
        String label = LABEL.format(Instant.ofEpochMilli(nowMillis));
        TableStream previous = currentByTable.get(table.name());
        if (previous != null && previous.label().equals(label)) {
            label = LABEL.format(Instant.ofEpochMilli(nowMillis + 1));
        }
        String shardId = String.format(
                "shardId-%020d-%08x", nowMillis, ThreadLocalRandom.current().nextInt());
        return new TableStream(
                table.streamArn(region, label),
                label,
                table.name(),
                viewType,
                table.hashKey(),
                table.rangeKey(),
                nowMillis,
                new StreamShard(shardId, sequence + 1));
    }

    /** Registers a stream as the table's current one. */
    public void register(TableStream stream) {
        streams.put(stream.arn(), stream);
        currentByTable.put(stream.tableName(), stream);
        sequence = Math.max(sequence, stream.shard().startingSequence() - 1);
    }

    /** Closes a stream's shard (stream disabled or table deleted). */
    public void close(String arn, long endingSequence) {
        TableStream stream = streams.get(arn);
        if (stream != null) {
            stream.shard().close(endingSequence);
            currentByTable.remove(stream.tableName(), stream);
        }
    }

    /** The open stream of a table, or null. */
    public TableStream current(String tableName) {
        return currentByTable.get(tableName);
    }

    /** A stream by ARN, or null. */
    public TableStream get(String arn) {
        return streams.get(arn);
    }

    /** All streams, oldest first. */
    public List<TableStream> all() {
        return new ArrayList<>(streams.values());
    }

    /** The last sequence counter handed out. */
    public long lastSequence() {
        return sequence;
    }

    /**
     * Builds the record for a change, or null when the change changes nothing (AWS writes no
     * record then). Does not append it.
     */
    public StreamRecord build(
            TableStream stream,
            Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem,
            boolean byService,
            long nowMillis) {
        if (oldItem == null && newItem == null || oldItem != null && oldItem.equals(newItem)) {
            return null;
        }
        Map<String, AttributeValue> any = newItem != null ? newItem : oldItem;
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put(stream.hashKey(), any.get(stream.hashKey()));
        if (stream.rangeKey() != null) {
            keys.put(stream.rangeKey(), any.get(stream.rangeKey()));
        }
        String eventName = oldItem == null ? "INSERT" : newItem == null ? "REMOVE" : "MODIFY";
        String view = stream.viewType();
        Map<String, AttributeValue> newImage = newItem != null && view.contains("NEW") ? newItem : null;
        Map<String, AttributeValue> oldImage = oldItem != null && view.contains("OLD") ? oldItem : null;
        long size = ItemSize.of(keys)
                + (newImage == null ? 0 : ItemSize.of(newImage))
                + (oldImage == null ? 0 : ItemSize.of(oldImage));
        return new StreamRecord(
                String.format(
                        "%016x%016x",
                        ThreadLocalRandom.current().nextLong(),
                        ThreadLocalRandom.current().nextLong()),
                eventName,
                nowMillis / 1000,
                keys,
                newImage,
                oldImage,
                sequence + 1,
                size,
                view,
                byService,
                nowMillis);
    }

    /** Appends a record to its stream's shard, advancing the sequence counter. */
    public void append(TableStream stream, StreamRecord record) {
        stream.shard().append(record);
        sequence = Math.max(sequence, record.sequence());
    }

    /** Drops records and closed streams older than the retention period. */
    public void trim(long nowMillis) {
        long cutoff = nowMillis - RETENTION_MILLIS;
        streams.values().removeIf(stream -> {
            stream.shard().trimBefore(cutoff);
            return !stream.shard().isOpen() && stream.shard().records().isEmpty() && stream.createdMillis() < cutoff;
        });
    }
}
