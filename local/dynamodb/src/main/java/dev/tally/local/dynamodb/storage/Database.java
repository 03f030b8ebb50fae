package dev.tally.local.dynamodb.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import dev.tally.local.dynamodb.streams.StreamRecord;
import dev.tally.local.dynamodb.streams.StreamRegistry;
import dev.tally.local.dynamodb.streams.TableStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * All tables and streams behind one read-write lock: reads share it, every write (a single item,
 * a batch or a transaction) holds it exclusively, so each is atomic and isolated. With a data
 * directory each write is logged and forced to disk before it is acknowledged.
 *
 * <p>Nothing is shown before it is durable: a write changes memory and appends its log entry under
 * the exclusive lock, then waits for the force outside it (group commit). Any answer given from
 * memory, a read, a stream read, a rejected condition, waits until the log is forced up to the
 * position that memory reflected, so no client can see, or act on, a change a crash would undo.
 * If an append or a force fails the database stops answering (fail-stop): memory may then hold
 * changes the log does not, and only a restart (replay of the log) makes the two agree again.
 */
public final class Database implements AutoCloseable {

    private static final long COMPACT_MIN_BYTES = 8L * 1024 * 1024;

    private final String region;
    private final Clock clock;
    private final NavigableMap<String, TableData> tables = new TreeMap<>();
    private final StreamRegistry streams = new StreamRegistry();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final WriteAheadLog log;
    private volatile RuntimeException failure;
    private long compactedSize;

    private Database(String region, Clock clock, WriteAheadLog log) {
        this.region = region;
        this.clock = clock;
        this.log = log;
    }

    /** An in-memory database, or a durable one when {@code dataDirectory} is not null. */
    public static Database open(String region, Path dataDirectory, Clock clock) {
        return open(region, dataDirectory, clock, WriteAheadLog.Force.DATA);
    }

    static Database open(String region, Path dataDirectory, Clock clock, WriteAheadLog.Force force) {
        if (dataDirectory == null) {
            return new Database(region, clock, null);
        }
        List<JsonNode> entries = new ArrayList<>();
        WriteAheadLog log = WriteAheadLog.open(dataDirectory, entries, force);
        Database database = new Database(region, clock, log);
        for (JsonNode entry : entries) {
            for (JsonNode change : entry.get("changes")) {
                database.replay(change);
            }
        }
        database.compactedSize = log.size();
        return database;
    }

    private void replay(JsonNode change) {
        switch (change.get("op").asText()) {
            case "create" -> {
                TableData table = new TableData(StateCodec.readTable(change.get("table")));
                tables.put(table.definition().name(), table);
            }
            case "define" ->
                tables.get(change.get("table").get("name").asText())
                        .definition(StateCodec.readTable(change.get("table")));
            case "drop" -> tables.remove(change.get("name").asText());
            case "put" ->
                tables.get(change.get("name").asText()).put(AttributeValueJson.readItem(change.get("item"), "item"));
            case "del" ->
                tables.get(change.get("name").asText()).delete(AttributeValueJson.readItem(change.get("key"), "key"));
            case "streamOpen" -> streams.register(StateCodec.readStream(change.get("stream")));
            case "streamClose" ->
                streams.close(change.get("arn").asText(), change.get("end").asLong());
            case "trim" -> streams.trim(change.get("now").asLong());
            case "record" ->
                streams.append(streams.get(change.get("arn").asText()), StateCodec.readRecord(change.get("record")));
            default -> throw new IllegalStateException("unknown log entry " + change.get("op"));
        }
    }

    /** The region in ARNs and records. */
    public String region() {
        return region;
    }

    /** The clock for timestamps, TTL and retention. */
    public Clock clock() {
        return clock;
    }

    /** Runs a read under the shared lock; returns once what it saw is durable. */
    public <T> T read(Supplier<T> action) {
        long seen = -1;
        lock.readLock().lock();
        try {
            requireHealthy();
            seen = logPosition();
            return action.get();
        } finally {
            lock.readLock().unlock();
            awaitDurable(seen);
        }
    }

    /**
     * Runs a write under the exclusive lock, logs what it changed and returns once that is durable.
     * The action must validate everything before it changes anything. A write that changes nothing
     * (a failed condition) also waits: its outcome was decided on what memory held.
     */
    public <T> T write(Function<WriteBatch, T> action) {
        long seen = -1;
        lock.writeLock().lock();
        try {
            requireHealthy();
            WriteBatch batch = new WriteBatch(this, log != null);
            T result = action.apply(batch);
            if (log != null && !batch.changes().isEmpty()) {
                ObjectNode entry = WriteAheadLog.JSON.createObjectNode();
                entry.set("changes", batch.changes());
                failStopOn(() -> {
                    log.append(entry);
                    if (log.size() > Math.max(COMPACT_MIN_BYTES, 4 * compactedSize)) {
                        compact();
                    }
                });
            }
            return result;
        } finally {
            seen = logPosition();
            lock.writeLock().unlock();
            awaitDurable(seen);
        }
    }

    private long logPosition() {
        return log == null ? -1 : log.size();
    }

    private void awaitDurable(long position) {
        if (position >= 0) {
            requireHealthy();
            failStopOn(() -> log.awaitDurable(position));
        }
    }

    private void failStopOn(Runnable logWork) {
        try {
            logWork.run();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
                System.getLogger(Database.class.getName())
                        .log(
                                System.Logger.Level.ERROR,
                                "the write-ahead log failed; refusing every request until a restart replays it",
                                e);
            }
            throw unavailable();
        }
    }

    private void requireHealthy() {
        if (failure != null) {
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return new ApiException(
                "InternalServerError",
                500,
                "The data directory could not be written; restart the server to recover from its log");
    }

    /** Rewrites the log as the current state (caller holds the write lock). */
    private void compact() {
        List<JsonNode> entries = new ArrayList<>();
        for (TableData table : tables.values()) {
            WriteBatch batch = new WriteBatch(this, true);
            batch.logCreate(table.definition());
            entries.add(wrap(batch));
            batch = new WriteBatch(this, true);
            for (Iterator<Map<String, AttributeValue>> it = table.primary().scan(null); it.hasNext(); ) {
                batch.logPut(table.definition().name(), it.next());
                if (batch.changes().size() >= 500) {
                    entries.add(wrap(batch));
                    batch = new WriteBatch(this, true);
                }
            }
            entries.add(wrap(batch));
        }
        for (TableStream stream : streams.all()) {
            WriteBatch batch = new WriteBatch(this, true);
            batch.logStreamOpen(stream);
            for (StreamRecord record : stream.shard().records()) {
                batch.logRecord(stream, record);
            }
            if (!stream.shard().isOpen()) {
                batch.logStreamClose(stream.arn(), stream.shard().endingSequence());
            }
            entries.add(wrap(batch));
        }
        log.rewrite(entries);
        compactedSize = log.size();
    }

    private static JsonNode wrap(WriteBatch batch) {
        ObjectNode entry = WriteAheadLog.JSON.createObjectNode();
        entry.set("changes", batch.changes());
        return entry;
    }

    /** The table, or null (caller holds the lock). */
    public TableData table(String name) {
        return tables.get(name);
    }

    /** The table, or ResourceNotFoundException (caller holds the lock). */
    public TableData requireTable(String name) {
        TableData table = tables.get(name);
        if (table == null) {
            throw ApiException.notFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    /** The table for an item operation, or ResourceNotFoundException with AWS's short message. */
    public TableData requireItemTable(String name) {
        TableData table = tables.get(name);
        if (table == null) {
            throw ApiException.notFound("Requested resource not found");
        }
        return table;
    }

    /** All tables by name (caller holds the lock). */
    public NavigableMap<String, TableData> tables() {
        return tables;
    }

    /** The streams (caller holds the lock). */
    public StreamRegistry streams() {
        return streams;
    }

    /** Forces a compaction now (for tests and shutdown). */
    public void compactNow() {
        if (log == null) {
            return;
        }
        lock.writeLock().lock();
        try {
            compact();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        if (log != null) {
            lock.writeLock().lock();
            try {
                log.close();
            } finally {
                lock.writeLock().unlock();
            }
        }
    }
}
