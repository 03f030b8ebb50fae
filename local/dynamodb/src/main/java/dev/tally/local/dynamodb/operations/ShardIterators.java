package dev.tally.local.dynamodb.operations;

import dev.tally.local.dynamodb.model.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque shard iterators: stream ARN, shard id, the sequence counter to read after, whether it
 * is a TRIM_HORIZON iterator (which never fails on trimmed data) and when it was made.
 */
record ShardIterators(String streamArn, String shardId, long after, boolean trimHorizon, long createdMillis) {

    /** Iterators are valid for 15 minutes. */
    static final long VALID_MILLIS = 15 * 60 * 1000;

    String encode() {
        String raw = String.join(
                "|",
                "v1",
                streamArn,
                shardId,
                Long.toString(after),
                Boolean.toString(trimHorizon),
                Long.toString(createdMillis));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ShardIterators decode(String iterator) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|");
            if (parts.length != 6 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException();
            }
            return new ShardIterators(
                    parts[1],
                    parts[2],
                    Long.parseLong(parts[3]),
                    Boolean.parseBoolean(parts[4]),
                    Long.parseLong(parts[5]));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(
                    "Invalid ShardIterator: it was not returned by GetShardIterator or GetRecords");
        }
    }

    ShardIterators advancedTo(long sequence, long nowMillis) {
        return new ShardIterators(streamArn, shardId, sequence, false, nowMillis);
    }
}
