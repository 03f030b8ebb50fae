package dev.tally.ops.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What Lambda sends to the projection's on-failure destination for a discarded stream batch: the
 * {@code DDBStreamBatchInfo} part, which locates the records (shard and sequence range), not the users.
 *
 * @param streamArn     the stream
 * @param shardId       the shard
 * @param firstSequence the first discarded record's sequence number
 * @param lastSequence  the last discarded record's sequence number
 * @param batchSize     how many records
 * @param firstArrival  approximate arrival of the first record in the stream, or null
 */
public record StreamFailureRecord(
        String streamArn,
        String shardId,
        BigInteger firstSequence,
        BigInteger lastSequence,
        int batchSize,
        Instant firstArrival) {

    /** How long DynamoDB Streams keeps a record. */
    public static final Duration STREAM_RETENTION = Duration.ofHours(24);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The record in {@code body}, or empty when it is not an on-failure record of a DynamoDB stream. */
    public static Optional<StreamFailureRecord> parse(String body) {
        try {
            JsonNode info = JSON.readTree(body).path("DDBStreamBatchInfo");
            if (!info.isObject()
                    || !info.path("streamArn").isTextual()
                    || !info.path("shardId").isTextual()
                    || !info.path("startSequenceNumber").isTextual()
                    || !info.path("endSequenceNumber").isTextual()) {
                return Optional.empty();
            }
            String arrival = info.path("approximateArrivalOfFirstRecord").asText(null);
            return Optional.of(new StreamFailureRecord(
                    info.get("streamArn").asText(),
                    info.get("shardId").asText(),
                    new BigInteger(info.get("startSequenceNumber").asText()),
                    new BigInteger(info.get("endSequenceNumber").asText()),
                    info.path("batchSize").asInt(0),
                    arrival == null ? null : Instant.parse(arrival)));
        } catch (IOException | NumberFormatException | DateTimeParseException | NullPointerException notOurs) {
            return Optional.empty();
        }
    }

    /** When the first record leaves the stream (its data can no longer be read), or null if unknown. */
    public Instant expiresAt() {
        return firstArrival == null ? null : firstArrival.plus(STREAM_RETENTION);
    }
}
