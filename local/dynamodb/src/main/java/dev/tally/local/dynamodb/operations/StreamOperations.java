package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import dev.tally.local.dynamodb.storage.Database;
import dev.tally.local.dynamodb.streams.StreamRecord;
import dev.tally.local.dynamodb.streams.StreamShard;
import dev.tally.local.dynamodb.streams.TableStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator and GetRecords. */
public final class StreamOperations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Database database;

    /** Operations on this database. */
    public StreamOperations(Database database) {
        this.database = database;
    }

    /** ListStreams, optionally for one table. */
    public ObjectNode listStreams(JsonNode body) {
        Request request = Request.of(body, "ListStreams", Set.of("TableName", "Limit", "ExclusiveStartStreamArn"));
        String table = request.has("TableName") ? request.tableName() : null;
        Integer limitValue = request.integer("Limit", 1, 100);
        int limit = limitValue == null ? 100 : limitValue;
        String start = request.string("ExclusiveStartStreamArn");
        return database.read(() -> {
            ObjectNode response = NODES.objectNode();
            ArrayNode streams = response.putArray("Streams");
            boolean started = start == null;
            String last = null;
            for (TableStream stream : database.streams().all()) {
                if (!started) {
                    started = stream.arn().equals(start);
                    continue;
                }
                if (table != null && !stream.tableName().equals(table)) {
                    continue;
                }
                if (streams.size() == limit) {
                    response.put("LastEvaluatedStreamArn", last);
                    break;
                }
                streams.addObject()
                        .put("StreamArn", stream.arn())
                        .put("TableName", stream.tableName())
                        .put("StreamLabel", stream.label());
                last = stream.arn();
            }
            return response;
        });
    }

    /** DescribeStream. */
    public ObjectNode describeStream(JsonNode body) {
        Request request = Request.of(body, "DescribeStream", Set.of("StreamArn", "Limit", "ExclusiveStartShardId"));
        String arn = request.requireString("StreamArn");
        request.integer("Limit", 1, 100);
        String startShard = request.string("ExclusiveStartShardId");
        return database.read(() -> {
            TableStream stream = stream(arn);
            ObjectNode description = NODES.objectNode();
            description
                    .put("StreamArn", stream.arn())
                    .put("StreamLabel", stream.label())
                    .put("StreamStatus", stream.status())
                    .put("StreamViewType", stream.viewType())
                    .put("CreationRequestDateTime", stream.createdMillis() / 1000.0)
                    .put("TableName", stream.tableName());
            description.set("KeySchema", TableDescriptions.keySchema(stream.hashKey(), stream.rangeKey()));
            ArrayNode shards = description.putArray("Shards");
            StreamShard shard = stream.shard();
            if (startShard == null || !startShard.equals(shard.shardId())) {
                ObjectNode range =
                        shards.addObject().put("ShardId", shard.shardId()).putObject("SequenceNumberRange");
                range.put("StartingSequenceNumber", StreamRecord.format(shard.startingSequence()));
                if (!shard.isOpen()) {
                    range.put("EndingSequenceNumber", StreamRecord.format(shard.endingSequence()));
                }
            }
            ObjectNode response = NODES.objectNode();
            response.set("StreamDescription", description);
            return response;
        });
    }

    /** GetShardIterator. */
    public ObjectNode getShardIterator(JsonNode body) {
        Request request = Request.of(
                body, "GetShardIterator", Set.of("StreamArn", "ShardId", "ShardIteratorType", "SequenceNumber"));
        String arn = request.requireString("StreamArn");
        String shardId = request.requireString("ShardId");
        String type = request.enumValue(
                "ShardIteratorType",
                null,
                Set.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"));
        if (type == null) {
            request.requireString("ShardIteratorType");
        }
        String sequenceNumber = request.string("SequenceNumber");
        boolean bySequence = type.endsWith("SEQUENCE_NUMBER");
        if (bySequence && sequenceNumber == null) {
            throw ApiException.validation("Must specify a SequenceNumber for ShardIteratorType " + type);
        }
        if (!bySequence && sequenceNumber != null) {
            throw ApiException.validation("SequenceNumber must not be given for ShardIteratorType " + type);
        }
        return database.read(() -> {
            StreamShard shard = shard(stream(arn), shardId);
            long now = database.clock().millis();
            long after;
            boolean trimHorizon = false;
            switch (type) {
                case "TRIM_HORIZON" -> {
                    after = shard.lastTrimmedSequence();
                    trimHorizon = true;
                }
                case "LATEST" -> after = shard.isOpen() ? database.streams().lastSequence() : shard.endingSequence();
                default -> {
                    long sequence = StreamRecord.parse(sequenceNumber);
                    long last = shard.isOpen() ? database.streams().lastSequence() : shard.endingSequence();
                    if (sequence < shard.startingSequence() || sequence > last) {
                        throw ApiException.validation(
                                "Invalid SequenceNumber " + sequenceNumber + " for shard " + shardId);
                    }
                    if (sequence <= shard.lastTrimmedSequence()) {
                        throw trimmed();
                    }
                    after = type.startsWith("AT") ? sequence - 1 : sequence;
                }
            }
            ObjectNode response = NODES.objectNode();
            response.put("ShardIterator", new ShardIterators(arn, shardId, after, trimHorizon, now).encode());
            return response;
        });
    }

    /** GetRecords. */
    public ObjectNode getRecords(JsonNode body) {
        Request request = Request.of(body, "GetRecords", Set.of("ShardIterator", "Limit"));
        ShardIterators iterator = ShardIterators.decode(request.requireString("ShardIterator"));
        Integer limitValue = request.integer("Limit", 1, 1000);
        int limit = limitValue == null ? 1000 : limitValue;
        return database.read(() -> {
            long now = database.clock().millis();
            if (now - iterator.createdMillis() > ShardIterators.VALID_MILLIS) {
                throw new ApiException(
                        "ExpiredIteratorException",
                        400,
                        "Iterator expired. The iterator was created at time "
                                + Instant.ofEpochMilli(iterator.createdMillis()) + " while right now it is "
                                + Instant.ofEpochMilli(now)
                                + ". The iterator is valid for 15 minutes.");
            }
            StreamShard shard = shard(stream(iterator.streamArn()), iterator.shardId());
            long after = iterator.after();
            if (after < shard.lastTrimmedSequence()) {
                if (!iterator.trimHorizon()) {
                    throw trimmed();
                }
                after = shard.lastTrimmedSequence();
            }
            List<StreamRecord> records = shard.records();
            int from = shard.firstAfter(after);
            int to = Math.min(records.size(), from + limit);
            ObjectNode response = NODES.objectNode();
            ArrayNode out = response.putArray("Records");
            long position = after;
            for (StreamRecord record : records.subList(from, to)) {
                out.add(render(record));
                position = record.sequence();
            }
            boolean exhausted = !shard.isOpen() && to == records.size();
            if (!exhausted) {
                response.put(
                        "NextShardIterator", iterator.advancedTo(position, now).encode());
            }
            return response;
        });
    }

    private ObjectNode render(StreamRecord record) {
        ObjectNode node = NODES.objectNode();
        node.put("eventID", record.eventId())
                .put("eventName", record.eventName())
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", database.region());
        ObjectNode dynamodb = node.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", record.createdSeconds());
        dynamodb.set("Keys", AttributeValueJson.writeItem(record.keys()));
        if (record.newImage() != null) {
            dynamodb.set("NewImage", AttributeValueJson.writeItem(record.newImage()));
        }
        if (record.oldImage() != null) {
            dynamodb.set("OldImage", AttributeValueJson.writeItem(record.oldImage()));
        }
        dynamodb.put("SequenceNumber", record.sequenceNumber())
                .put("SizeBytes", record.sizeBytes())
                .put("StreamViewType", record.viewType());
        if (record.byService()) {
            node.putObject("userIdentity").put("Type", "Service").put("PrincipalId", "dynamodb.amazonaws.com");
        }
        return node;
    }

    private TableStream stream(String arn) {
        TableStream stream = database.streams().get(arn);
        if (stream == null) {
            throw ApiException.notFound("Requested resource not found: Stream: " + arn + " not found");
        }
        return stream;
    }

    private static StreamShard shard(TableStream stream, String shardId) {
        if (!stream.shard().shardId().equals(shardId)) {
            throw ApiException.notFound("Requested resource not found: Shard does not exist");
        }
        return stream.shard();
    }

    private static ApiException trimmed() {
        return new ApiException(
                "TrimmedDataAccessException",
                400,
                "The operation attempted to read past the oldest stream record in a shard.");
    }
}
