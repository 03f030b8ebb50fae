package dev.tally.ops.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.ops.OpsException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSONL record of a replay: one line per message and step ({@code messageId}, {@code group},
 * {@code commandId}, {@code outcome}, {@code time}, and the new message id after a send), flushed
 * line by line so a replay stopped at any point can be resumed from it ({@code --resume}).
 * Never a body.
 */
public final class ReplayLedger implements AutoCloseable {

    /** What happened to a message. */
    public enum Outcome {
        /** Sent to the main queue (not yet deleted from the DLQ). */
        SENT,
        /** Deleted from the DLQ after it was sent. */
        DELETED,
        /** Sent with {@code --copy}: the DLQ copy stays. */
        COPIED,
        /** Deleted without sending: its command already has an outcome ({@code --purge-applied}). */
        PURGED,
        /** An unparseable message deleted on request ({@code --delete-unparseable}). */
        DELETED_UNPARSEABLE,
        /** The send failed; the message and the rest of its group stay in the DLQ. */
        FAILED,
        /** Left in the DLQ because an earlier message of its group was not moved. */
        HELD
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter writer;
    private final Clock clock;

    private ReplayLedger(BufferedWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    /** Appends to {@code file} (created when missing); null writes nothing. */
    public static ReplayLedger appendingTo(Path file, Clock clock) {
        if (file == null) {
            return new ReplayLedger(null, clock);
        }
        try {
            return new ReplayLedger(
                    Files.newBufferedWriter(
                            file,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND,
                            StandardOpenOption.WRITE),
                    clock);
        } catch (IOException cannotWrite) {
            throw new OpsException("cannot write the ledger " + file + ": " + cannotWrite.getMessage(), cannotWrite);
        }
    }

    /** Every outcome a ledger recorded, per DLQ message id, in order. */
    public static Map<String, List<Outcome>> read(Path file) {
        Map<String, List<Outcome>> outcomes = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new OpsException(
                    "cannot read the ledger " + file + " given to --resume: " + unreadable.getMessage(), unreadable);
        }
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode entry = JSON.readTree(line);
                outcomes.computeIfAbsent(entry.get("messageId").asText(), id -> new java.util.ArrayList<>())
                        .add(Outcome.valueOf(entry.get("outcome").asText()));
            } catch (IOException | RuntimeException broken) {
                if (number == lines.size()) {
                    continue; // the last line of a run killed while writing it: the step it names did not complete
                }
                throw new OpsException(
                        "ledger " + file + " line " + number + " is not a ledger entry: check the file", broken);
            }
        }
        return outcomes;
    }

    /** Records one step of one message. */
    public synchronized void record(DeadLetterMessage message, Outcome outcome, String detail) {
        if (writer == null) {
            return;
        }
        ObjectNode entry = JSON.createObjectNode();
        entry.put("time", clock.instant().toString());
        entry.put("messageId", message.messageId());
        entry.put("group", message.groupId());
        entry.put("commandId", message.commandId());
        entry.put("outcome", outcome.name());
        if (detail != null) {
            entry.put("detail", detail);
        }
        try {
            writer.write(entry.toString());
            writer.newLine();
            writer.flush();
        } catch (IOException cannotWrite) {
            throw new UncheckedIOException("cannot append to the ledger", cannotWrite);
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // every line was flushed when written
            }
        }
    }
}
