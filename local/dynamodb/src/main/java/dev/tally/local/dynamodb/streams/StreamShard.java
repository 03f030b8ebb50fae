package dev.tally.local.dynamodb.streams;

import java.util.ArrayList;
import java.util.List;

/** A stream's shard: its records in sequence order; closed when the stream is disabled. */
public final class StreamShard {

    private final String shardId;
    private final long startingSequence;
    private final List<StreamRecord> records = new ArrayList<>();
    private long endingSequence = -1;
    private long lastTrimmedSequence;

    /** An open shard whose first record will carry a sequence above {@code startingSequence - 1}. */
    public StreamShard(String shardId, long startingSequence) {
        this.shardId = shardId;
        this.startingSequence = startingSequence;
        this.lastTrimmedSequence = startingSequence - 1;
    }

    /** The shard id. */
    public String shardId() {
        return shardId;
    }

    /** The starting sequence counter. */
    public long startingSequence() {
        return startingSequence;
    }

    /** The ending sequence counter, or -1 while open. */
    public long endingSequence() {
        return endingSequence;
    }

    /** Whether records can still be added. */
    public boolean isOpen() {
        return endingSequence < 0;
    }

    /** Closes the shard at the given sequence counter. */
    public void close(long lastSequence) {
        endingSequence = Math.max(lastSequence, startingSequence);
    }

    /** Appends a record. */
    public void append(StreamRecord record) {
        records.add(record);
    }

    /** The retained records. */
    public List<StreamRecord> records() {
        return records;
    }

    /** The highest sequence trimmed away (records at or below it are gone). */
    public long lastTrimmedSequence() {
        return lastTrimmedSequence;
    }

    /** Restores the trim position from the log (records at or below it were trimmed). */
    public void restoreTrimmed(long sequence) {
        lastTrimmedSequence = Math.max(lastTrimmedSequence, sequence);
    }

    /** Drops records created before the cutoff. */
    public void trimBefore(long cutoffMillis) {
        int drop = 0;
        while (drop < records.size() && records.get(drop).createdMillis() < cutoffMillis) {
            lastTrimmedSequence = records.get(drop).sequence();
            drop++;
        }
        if (drop > 0) {
            records.subList(0, drop).clear();
        }
    }

    /** Index of the first record with a sequence above {@code after}. */
    public int firstAfter(long after) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (records.get(middle).sequence() <= after) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
