package dev.tally.local.dynamodb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An append-only log of committed changes, one line per commit: {@code <crc32 hex> <json>}.
 * Appends happen under the database's write lock; {@link #awaitDurable} forces the file with
 * group commit (one force covers every append made before it started). A torn tail left by a
 * crash fails its checksum and is cut off at replay.
 */
final class WriteAheadLog implements AutoCloseable {

    /** How appended bytes reach the disk; a seam for tests that hold a force in flight. */
    interface Force {
        /** The default: {@code FileChannel.force(false)} (data, not metadata: the file only grows). */
        Force DATA = channel -> channel.force(false);

        void force(FileChannel channel) throws IOException;
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "dynamodb.wal";

    private final Path file;
    private final FileChannel lockChannel;
    private final Force force;
    private final Object forceLock = new Object();
    private FileChannel channel;
    private volatile long written;
    private volatile long durable;

    private WriteAheadLog(Path file, FileChannel lockChannel, FileChannel channel, long size, Force force) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.channel = channel;
        this.written = size;
        this.durable = size;
        this.force = force;
    }

    /** Opens the log in a directory, returning it and the entries to replay. */
    static WriteAheadLog open(Path directory, List<JsonNode> replay, Force force) {
        try {
            Files.createDirectories(directory);
            FileChannel lockChannel = FileChannel.open(
                    directory.resolve("dynamodb.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (!tryLock(lockChannel)) {
                lockChannel.close();
                throw new IllegalStateException("the data directory " + directory
                        + " is in use by another local DynamoDB server; give each server its own directory");
            }
            Path file = directory.resolve(FILE);
            Files.deleteIfExists(directory.resolve(FILE + ".compact"));
            long good = 0;
            if (Files.exists(file)) {
                good = read(file, replay);
            }
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            long size = channel.size();
            channel.truncate(Math.min(good, size));
            channel.position(Math.min(good, size));
            if (good > size) {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
            good = channel.position();
            channel.force(true);
            return new WriteAheadLog(file, lockChannel, channel, good, force);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data directory " + directory, e);
        }
    }

    private static boolean tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return false;
        }
    }

    private static long read(Path file, List<JsonNode> replay) throws IOException {
        long good = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space != 8) {
                    break;
                }
                String json = line.substring(9);
                if (!checksum(json).equals(line.substring(0, 8))) {
                    break;
                }
                try {
                    replay.add(JSON.readTree(json));
                } catch (JsonProcessingException e) {
                    break;
                }
                good += line.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        return good;
    }

    /** Appends one commit; returns the log position that must be durable before acknowledging. */
    long append(JsonNode entry) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line(entry));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            written = channel.position();
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the write-ahead log", e);
        }
    }

    /** Returns once everything up to {@code position} is on disk. */
    void awaitDurable(long position) {
        if (durable >= position) {
            return;
        }
        synchronized (forceLock) {
            if (durable >= position) {
                return;
            }
            long target = written;
            try {
                force.force(channel);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot force the write-ahead log", e);
            }
            durable = target;
        }
    }

    /** The log's size in bytes. */
    long size() {
        return written;
    }

    /** Replaces the log with these entries (the current state), atomically. Caller holds the write lock. */
    void rewrite(List<JsonNode> entries) {
        synchronized (forceLock) {
            Path temporary = file.resolveSibling(FILE + ".compact");
            try (FileChannel out = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                for (JsonNode entry : entries) {
                    ByteBuffer buffer = ByteBuffer.wrap(line(entry));
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
                out.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot compact the write-ahead log", e);
            }
            try {
                channel.close();
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                forceDirectory(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
                channel.position(channel.size());
                written = channel.size();
                durable = written;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot install the compacted write-ahead log", e);
            }
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open directories; the rename is still atomic there.
        }
    }

    private static byte[] line(JsonNode entry) {
        try {
            String json = JSON.writeValueAsString(entry);
            return (checksum(json) + " " + json + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a log entry", e);
        }
    }

    private static String checksum(String json) {
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    @Override
    public void close() {
        synchronized (forceLock) {
            try {
                channel.force(true);
                channel.close();
                lockChannel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the write-ahead log", e);
            }
        }
    }

    static List<JsonNode> newList() {
        return new ArrayList<>();
    }
}
