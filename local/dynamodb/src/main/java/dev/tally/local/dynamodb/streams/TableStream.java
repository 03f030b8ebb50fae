package dev.tally.local.dynamodb.streams;

import java.util.List;

/**
 * One stream of a table (a table gets a new stream each time streaming is enabled).
 *
 * @param arn the stream ARN
 * @param label the ISO-timestamp label
 * @param tableName the table
 * @param viewType KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES
 * @param hashKey the table's partition key
 * @param rangeKey the table's sort key, or null
 * @param createdMillis when it was enabled
 * @param shard its single shard
 */
public record TableStream(
        String arn,
        String label,
        String tableName,
        String viewType,
        String hashKey,
        String rangeKey,
        long createdMillis,
        StreamShard shard) {

    /** ENABLED while the shard is open, else DISABLED. */
    public String status() {
        return shard.isOpen() ? "ENABLED" : "DISABLED";
    }

    /** The shards (one). */
    public List<StreamShard> shards() {
        return List.of(shard);
    }
}
