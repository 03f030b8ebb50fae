package dev.tally.local.sqs;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The queues' log in a directory: every change is appended to {@code sqs.log} with one
 * {@code write()} before the request is answered (in the page cache, so a killed process loses
 * nothing acknowledged; no fsync, so an OS crash may), and replayed on start. When the log has
 * grown well past what is live, it is rewritten as a snapshot (queues, live messages, sequence
 * counters, deduplication entries inside their window) and swapped in by an atomic rename.
 *
 * <p>Each record is framed as length, CRC-32 and payload; a torn or corrupt tail (a write cut by a
 * crash) is cut off at the last whole record on replay. A lock file keeps a second server (in this
 * or another process) off the same directory.
 */
final class FileJournal implements Journal {

    private static final byte QUEUE_CREATED = 1;
    private static final byte ATTRIBUTES_SET = 2;
    private static final byte QUEUE_DELETED = 3;
    private static final byte PURGED = 4;
    private static final byte SENT = 5;
    private static final byte DELETED = 6;
    private static final byte RECEIVED = 7;
    private static final byte DEDUPLICATION = 8;
    private static final byte SEQUENCE = 9;

    private static final String LOG = "sqs.log";
    private static final String COMPACTING = "sqs.log.compacting";

    private final Path directory;
    private final long compactAfterBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private final DataOutputStream out = new DataOutputStream(buffer);
    private FileChannel log;
    private long bytes;
    private long snapshotBytes;
    private int compactions;

    private FileJournal(Path directory, long compactAfterBytes, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.compactAfterBytes = compactAfterBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens the directory (creating it), takes its lock, replays its log into {@code broker} and
     * opens the log for appending.
     *
     * @throws IllegalStateException if another server holds the directory, or it cannot be read
     */
    static FileJournal open(Path directory, Broker broker, long compactAfterBytes) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel =
                    FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("another embedded SQS has " + directory + " open; close it first");
            }
            FileJournal journal = new FileJournal(directory, compactAfterBytes, lockChannel, lock);
            journal.replay(broker);
            return journal;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new IllegalStateException("cannot open the SQS store in " + directory, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** How often the log was rewritten (tests). */
    int compactions() {
        return compactions;
    }

    private void replay(Broker broker) throws IOException {
        Path file = directory.resolve(LOG);
        Files.deleteIfExists(directory.resolve(COMPACTING));
        long good = 0;
        if (Files.exists(file)) {
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                DataInputStream in = new DataInputStream(raw);
                while (true) {
                    byte[] payload = readFrame(in);
                    if (payload == null) {
                        break;
                    }
                    apply(broker, new DataInputStream(new ByteArrayInputStream(payload)));
                    good += 8 + payload.length;
                }
            }
        }
        log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        log.truncate(good);
        log.position(good);
        bytes = good;
        snapshotBytes = good;
        long now = broker.clock().millis();
        // in-flight messages become visible again: a restart ends every receive
        for (Queue queue : broker.queues().values()) {
            for (QueuedMessage message : queue.messages.values()) {
                if (message.inFlight) {
                    message.inFlight = false;
                    message.visibleAtMillis = now;
                }
            }
        }
    }

    /** The next whole, intact record's payload, or null at the end or at a torn or corrupt tail. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        int length;
        int crc;
        try {
            length = in.readInt();
            crc = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length <= 0 || length > 64 * 1024 * 1024) {
            return null;
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            return null;
        }
        CRC32 check = new CRC32();
        check.update(payload);
        return (int) check.getValue() == crc ? payload : null;
    }

    private static void apply(Broker broker, DataInputStream in) throws IOException {
        byte type = in.readByte();
        String name = readString(in);
        Map<String, Queue> queues = broker.queues();
        Queue queue = queues.get(name);
        switch (type) {
            case QUEUE_CREATED -> {
                long created = in.readLong();
                broker.restoreQueue(name, readMap(in), created);
            }
            case ATTRIBUTES_SET -> {
                long modified = in.readLong();
                Map<String, String> changes = readMap(in);
                if (queue != null) {
                    queue.setAttributes(changes, modified);
                }
            }
            case QUEUE_DELETED -> queues.remove(name);
            case PURGED -> {
                if (queue != null) {
                    queue.messages.clear();
                }
            }
            case SENT -> {
                QueuedMessage message = readMessage(in);
                if (queue != null) {
                    broker.restoreMessage(queue, message);
                }
            }
            case DELETED -> {
                String id = readString(in);
                if (queue != null) {
                    queue.messages.remove(id);
                }
            }
            case RECEIVED -> {
                String id = readString(in);
                int count = in.readInt();
                long first = in.readLong();
                QueuedMessage message = queue == null ? null : queue.messages.get(id);
                if (message != null) {
                    message.receiveCount = count;
                    message.firstReceiveMillis = first;
                }
            }
            case DEDUPLICATION -> {
                String key = readString(in);
                String messageId = readString(in);
                String sequence = readString(in);
                long sent = in.readLong();
                if (queue != null) {
                    queue.deduplication.putIfAbsent(
                            key, new Queue.Deduplication(messageId, sequence, sent, null, null));
                }
            }
            case SEQUENCE -> {
                long next = in.readLong();
                if (queue != null) {
                    queue.nextSequence = Math.max(queue.nextSequence, next);
                }
            }
            default -> throw new IOException("unknown SQS log record type " + type);
        }
    }

    // ---- appending ----

    @Override
    public void queueCreated(String name, Map<String, String> attributes, long createdMillis) {
        try {
            begin(QUEUE_CREATED, name);
            out.writeLong(createdMillis);
            writeMap(out, attributes);
            commit();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void attributesSet(String queue, Map<String, String> attributes, long modifiedMillis) {
        try {
            begin(ATTRIBUTES_SET, queue);
            out.writeLong(modifiedMillis);
            writeMap(out, attributes);
            commit();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void queueDeleted(String queue) {
        try {
            begin(QUEUE_DELETED, queue);
            commit();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void purged(String queue) {
        try {
            begin(PURGED, queue);
            commit();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void sent(String queue, QueuedMessage message) {
        try {
            begin(SENT, queue);
            writeMessage(out, message);
            commit();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void deleted(String queue, String messageId) {
        try {
            begin(DELETED, queue);
            writeString(out, messageId);
            commit();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void received(String queue, QueuedMessage message) {
        try {
            begin(RECEIVED, queue);
            writeString(out, message.id);
            out.writeInt(message.receiveCount);
            out.writeLong(message.firstReceiveMillis);
            commit();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void begin(byte type, String queue) throws IOException {
        buffer.reset();
        out.writeInt(0);
        out.writeInt(0);
        out.writeByte(type);
        writeString(out, queue);
    }

    /** Frames the buffered record and writes it to the log with one write (loop only on a short write). */
    private void commit() throws IOException {
        bytes += frameAndWrite(log);
    }

    private int frameAndWrite(FileChannel channel) throws IOException {
        out.flush();
        byte[] record = buffer.toByteArray();
        int length = record.length - 8;
        CRC32 crc = new CRC32();
        crc.update(record, 8, length);
        ByteBuffer header = ByteBuffer.wrap(record, 0, 8);
        header.putInt(length).putInt((int) crc.getValue());
        ByteBuffer all = ByteBuffer.wrap(record);
        while (all.hasRemaining()) {
            channel.write(all);
        }
        return record.length;
    }

    @Override
    public void maybeCompact(Map<String, Queue> queues, long now) {
        if (bytes < compactAfterBytes || bytes < 4 * snapshotBytes) {
            return;
        }
        Path next = directory.resolve(COMPACTING);
        try (FileChannel snapshot = FileChannel.open(
                next, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long written = 0;
            for (Queue queue : queues.values()) {
                begin(QUEUE_CREATED, queue.name);
                out.writeLong(queue.createdMillis);
                writeMap(out, queue.attributes);
                written += frameAndWrite(snapshot);
                begin(ATTRIBUTES_SET, queue.name);
                out.writeLong(queue.lastModifiedMillis);
                writeMap(out, Map.of());
                written += frameAndWrite(snapshot);
                begin(SEQUENCE, queue.name);
                out.writeLong(queue.nextSequence);
                written += frameAndWrite(snapshot);
                for (Map.Entry<String, Queue.Deduplication> entry : queue.deduplication.entrySet()) {
                    Queue.Deduplication deduplication = entry.getValue();
                    if (deduplication.sentMillis() + Broker.DEDUPLICATION_WINDOW_MILLIS > now
                            && !queue.messages.containsKey(deduplication.messageId())) {
                        begin(DEDUPLICATION, queue.name);
                        writeString(out, entry.getKey());
                        writeString(out, deduplication.messageId());
                        writeString(out, deduplication.sequenceNumber());
                        out.writeLong(deduplication.sentMillis());
                        written += frameAndWrite(snapshot);
                    }
                }
                for (QueuedMessage message : queue.messages.values()) {
                    begin(SENT, queue.name);
                    writeMessage(out, message);
                    written += frameAndWrite(snapshot);
                }
            }
            snapshot.force(true);
            Files.move(
                    next, directory.resolve(LOG), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.close();
            log = FileChannel.open(directory.resolve(LOG), StandardOpenOption.WRITE);
            log.position(written);
            bytes = written;
            snapshotBytes = Math.max(written, 1);
            compactions++;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    // ---- encoding ----

    private static void writeMessage(DataOutputStream out, QueuedMessage message) throws IOException {
        writeString(out, message.id);
        writeString(out, message.body);
        out.writeInt(message.attributes.size());
        for (Map.Entry<String, MessageAttribute> entry : message.attributes.entrySet()) {
            MessageAttribute attribute = entry.getValue();
            writeString(out, entry.getKey());
            writeString(out, attribute.dataType());
            if (attribute.binary()) {
                out.writeInt(attribute.binaryValue().length);
                out.write(attribute.binaryValue());
            } else {
                out.writeInt(-1);
                writeString(out, attribute.stringValue());
            }
        }
        writeString(out, message.traceHeader);
        writeString(out, message.groupId);
        writeString(out, message.deduplicationId);
        writeString(out, message.sequenceNumber);
        out.writeLong(message.sentMillis);
        writeString(out, message.deadLetterSourceArn);
        out.writeLong(message.inFlight ? 0 : message.visibleAtMillis);
        out.writeInt(message.receiveCount);
        out.writeLong(message.firstReceiveMillis);
    }

    private static QueuedMessage readMessage(DataInputStream in) throws IOException {
        String id = readString(in);
        String body = readString(in);
        int count = in.readInt();
        SortedMap<String, MessageAttribute> attributes = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = readString(in);
            String type = readString(in);
            int binaryLength = in.readInt();
            if (binaryLength >= 0) {
                byte[] value = new byte[binaryLength];
                in.readFully(value);
                attributes.put(name, new MessageAttribute(type, null, value));
            } else {
                attributes.put(name, new MessageAttribute(type, readString(in), null));
            }
        }
        QueuedMessage message = new QueuedMessage(
                id,
                body,
                attributes,
                readString(in),
                readString(in),
                readString(in),
                readString(in),
                in.readLong(),
                readString(in));
        message.visibleAtMillis = in.readLong();
        message.receiveCount = in.readInt();
        message.firstReceiveMillis = in.readLong();
        return message;
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("cannot write the SQS log", e);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing after a failure
            }
        }
    }

    @Override
    public void close() {
        try {
            if (log != null) {
                log.close();
            }
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the SQS log", e);
        } finally {
            closeQuietly(lockChannel);
        }
    }
}
