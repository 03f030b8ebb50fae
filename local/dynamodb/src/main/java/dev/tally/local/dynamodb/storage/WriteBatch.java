package dev.tally.local.dynamodb.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import dev.tally.local.dynamodb.model.TableDefinition;
import dev.tally.local.dynamodb.streams.StreamRecord;
import dev.tally.local.dynamodb.streams.StreamRegistry;
import dev.tally.local.dynamodb.streams.TableStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The changes of one write: each is applied to memory at once (with its stream record) and
 * remembered for the write-ahead log. Only used under the database's write lock.
 */
public final class WriteBatch {

    private final Database database;
    private final boolean logging;
    private final ArrayNode changes = WriteAheadLog.JSON.createArrayNode();

    /** A batch; {@code logging} false (no data directory) skips building log entries. */
    WriteBatch(Database database, boolean logging) {
        this.database = database;
        this.logging = logging;
    }

    ArrayNode changes() {
        return changes;
    }

    /** The database (for lookups inside the write). */
    public Database database() {
        return database;
    }

    /** Creates a table (and its stream, if the definition enables one). */
    public TableData createTable(TableDefinition definition) {
        TableDefinition withStream = definition;
        TableStream stream = null;
        if (definition.streamViewType() != null) {
            stream = newStream(definition, definition.streamViewType());
            withStream = definition.withStream(definition.streamViewType(), stream.label());
        }
        TableData table = new TableData(withStream);
        database.tables().put(withStream.name(), table);
        logCreate(withStream);
        if (stream != null) {
            database.streams().register(stream);
            logStreamOpen(stream);
        }
        return table;
    }

    /** Deletes a table; its stream is closed but stays readable for 24 hours. */
    public void deleteTable(TableData table) {
        String name = table.definition().name();
        database.tables().remove(name);
        closeStream(name);
        if (logging) {
            changes.addObject().put("op", "drop").put("name", name);
        }
    }

    /** Turns the table's stream on (with a view type) or off (null). */
    public void setStream(TableData table, String viewType) {
        TableDefinition definition = table.definition();
        if (viewType == null) {
            closeStream(definition.name());
            define(table, definition.withStream(null, definition.latestStreamLabel()));
            return;
        }
        TableStream stream = newStream(definition, viewType);
        define(table, definition.withStream(viewType, stream.label()));
        database.streams().register(stream);
        logStreamOpen(stream);
    }

    /** Replaces the table's definition (TTL, billing). */
    public void define(TableData table, TableDefinition definition) {
        table.definition(definition);
        if (logging) {
            changes.addObject().put("op", "define").set("table", StateCodec.write(definition));
        }
    }

    /** Drops stream records and closed streams past the 24-hour retention, as of {@code nowMillis}. */
    public void trimStreams(long nowMillis) {
        database.streams().trim(nowMillis);
        if (logging) {
            changes.addObject().put("op", "trim").put("now", nowMillis);
        }
    }

    /** Stores an item; returns the item it replaced. Writes a stream record if anything changed. */
    public Map<String, AttributeValue> put(TableData table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> old = table.put(item);
        logPut(table.definition().name(), item);
        record(table, old, item, false);
        return old;
    }

    /** Deletes an item; returns it or null. {@code byService} marks a TTL deletion. */
    public Map<String, AttributeValue> delete(TableData table, Map<String, AttributeValue> key, boolean byService) {
        Map<String, AttributeValue> old = table.delete(key);
        if (old != null) {
            if (logging) {
                ObjectNode change = changes.addObject()
                        .put("op", "del")
                        .put("name", table.definition().name());
                change.set("key", AttributeValueJson.writeItem(keyOf(table, old)));
            }
            record(table, old, null, byService);
        }
        return old;
    }

    private static Map<String, AttributeValue> keyOf(TableData table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : table.definition().keyNames()) {
            key.put(name, item.get(name));
        }
        return key;
    }

    private void record(
            TableData table, Map<String, AttributeValue> old, Map<String, AttributeValue> item, boolean byService) {
        TableStream stream = database.streams().current(table.definition().name());
        if (stream == null) {
            return;
        }
        StreamRecord record = database.streams().build(stream, old, item, byService, now());
        if (record != null) {
            database.streams().append(stream, record);
            logRecord(stream, record);
        }
    }

    private TableStream newStream(TableDefinition definition, String viewType) {
        return database.streams().create(definition, viewType, database.region(), now());
    }

    private void closeStream(String tableName) {
        StreamRegistry streams = database.streams();
        TableStream current = streams.current(tableName);
        if (current != null) {
            streams.close(current.arn(), streams.lastSequence());
            logStreamClose(current.arn(), current.shard().endingSequence());
        }
    }

    private long now() {
        return database.clock().millis();
    }

    void logCreate(TableDefinition definition) {
        if (!logging) {
            return;
        }
        changes.addObject().put("op", "create").set("table", StateCodec.write(definition));
    }

    void logPut(String tableName, Map<String, AttributeValue> item) {
        if (!logging) {
            return;
        }
        changes.addObject().put("op", "put").put("name", tableName).set("item", AttributeValueJson.writeItem(item));
    }

    void logStreamOpen(TableStream stream) {
        if (!logging) {
            return;
        }
        changes.addObject().put("op", "streamOpen").set("stream", StateCodec.write(stream));
    }

    void logStreamClose(String arn, long endingSequence) {
        if (!logging) {
            return;
        }
        changes.addObject().put("op", "streamClose").put("arn", arn).put("end", endingSequence);
    }

    void logRecord(TableStream stream, StreamRecord record) {
        if (!logging) {
            return;
        }
        changes.addObject().put("op", "record").put("arn", stream.arn()).set("record", StateCodec.write(record));
    }
}
