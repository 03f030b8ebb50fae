package dev.tally.local.dynamodb.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.TableDefinition;
import dev.tally.local.dynamodb.streams.StreamRecord;
import dev.tally.local.dynamodb.streams.StreamShard;
import dev.tally.local.dynamodb.streams.TableStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON forms of table definitions, streams and stream records in the write-ahead log. */
final class StateCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StateCodec() {}

    static ObjectNode write(TableDefinition table) {
        ObjectNode node = NODES.objectNode();
        node.put("name", table.name())
                .put("id", table.tableId())
                .put("hash", table.hashKey())
                .put("range", table.rangeKey())
                .put("billing", table.billingMode())
                .put("rcu", table.readCapacity())
                .put("wcu", table.writeCapacity())
                .put("created", table.createdMillis())
                .put("streamView", table.streamViewType())
                .put("streamLabel", table.latestStreamLabel())
                .put("ttl", table.ttlAttribute());
        ObjectNode types = node.putObject("types");
        table.attributeTypes().forEach(types::put);
        ArrayNode indexes = node.putArray("indexes");
        for (IndexDefinition index : table.indexes()) {
            ObjectNode i = indexes.addObject();
            i.put("name", index.name())
                    .put("global", index.global())
                    .put("hash", index.hashKey())
                    .put("range", index.rangeKey())
                    .put("projection", index.projectionType())
                    .put("rcu", index.readCapacity())
                    .put("wcu", index.writeCapacity());
            ArrayNode attributes = i.putArray("include");
            index.nonKeyAttributes().forEach(attributes::add);
        }
        return node;
    }

    static TableDefinition readTable(JsonNode node) {
        Map<String, String> types = new LinkedHashMap<>();
        node.get("types")
                .properties()
                .forEach(e -> types.put(e.getKey(), e.getValue().asText()));
        List<IndexDefinition> indexes = new ArrayList<>();
        for (JsonNode i : node.get("indexes")) {
            List<String> include = new ArrayList<>();
            i.get("include").forEach(a -> include.add(a.asText()));
            indexes.add(new IndexDefinition(
                    i.get("name").asText(),
                    i.get("global").asBoolean(),
                    i.get("hash").asText(),
                    text(i, "range"),
                    i.get("projection").asText(),
                    include,
                    i.get("rcu").asLong(),
                    i.get("wcu").asLong()));
        }
        return new TableDefinition(
                node.get("name").asText(),
                node.get("id").asText(),
                types,
                node.get("hash").asText(),
                text(node, "range"),
                indexes,
                node.get("billing").asText(),
                node.get("rcu").asLong(),
                node.get("wcu").asLong(),
                node.get("created").asLong(),
                text(node, "streamView"),
                text(node, "streamLabel"),
                text(node, "ttl"));
    }

    static ObjectNode write(TableStream stream) {
        ObjectNode node = NODES.objectNode();
        node.put("arn", stream.arn())
                .put("label", stream.label())
                .put("table", stream.tableName())
                .put("view", stream.viewType())
                .put("hash", stream.hashKey())
                .put("range", stream.rangeKey())
                .put("created", stream.createdMillis())
                .put("shard", stream.shard().shardId())
                .put("start", stream.shard().startingSequence())
                .put("end", stream.shard().endingSequence())
                .put("trimmed", stream.shard().lastTrimmedSequence());
        return node;
    }

    static TableStream readStream(JsonNode node) {
        StreamShard shard =
                new StreamShard(node.get("shard").asText(), node.get("start").asLong());
        if (node.has("trimmed")) {
            shard.restoreTrimmed(node.get("trimmed").asLong());
        }
        return new TableStream(
                node.get("arn").asText(),
                node.get("label").asText(),
                node.get("table").asText(),
                node.get("view").asText(),
                node.get("hash").asText(),
                text(node, "range"),
                node.get("created").asLong(),
                shard);
    }

    static ObjectNode write(StreamRecord record) {
        ObjectNode node = NODES.objectNode();
        node.put("id", record.eventId())
                .put("event", record.eventName())
                .put("seconds", record.createdSeconds())
                .put("seq", record.sequence())
                .put("size", record.sizeBytes())
                .put("view", record.viewType())
                .put("service", record.byService())
                .put("millis", record.createdMillis());
        node.set("keys", AttributeValueJson.writeItem(record.keys()));
        if (record.newImage() != null) {
            node.set("new", AttributeValueJson.writeItem(record.newImage()));
        }
        if (record.oldImage() != null) {
            node.set("old", AttributeValueJson.writeItem(record.oldImage()));
        }
        return node;
    }

    static StreamRecord readRecord(JsonNode node) {
        return new StreamRecord(
                node.get("id").asText(),
                node.get("event").asText(),
                node.get("seconds").asLong(),
                AttributeValueJson.readItem(node.get("keys"), "keys"),
                node.has("new") ? AttributeValueJson.readItem(node.get("new"), "new") : null,
                node.has("old") ? AttributeValueJson.readItem(node.get("old"), "old") : null,
                node.get("seq").asLong(),
                node.get("size").asLong(),
                node.get("view").asText(),
                node.get("service").asBoolean(),
                node.get("millis").asLong());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
