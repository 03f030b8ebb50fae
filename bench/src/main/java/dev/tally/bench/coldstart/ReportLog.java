package dev.tally.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the local runtime's {@code reports.jsonl} (one JSON line per invocation: the REPORT line's
 * numbers) as it grows, by request id.
 */
final class ReportLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, JsonNode> byRequestId = new HashMap<>();
    private long offset;

    ReportLog(Path file) {
        this.file = file;
    }

    /** The report of an invocation that has ended. */
    JsonNode report(String requestId) throws IOException {
        JsonNode report = byRequestId.remove(requestId);
        if (report == null) {
            readNewLines();
            report = byRequestId.remove(requestId);
        }
        if (report == null) {
            throw new IllegalStateException("no REPORT for request " + requestId + " in " + file);
        }
        return report;
    }

    private void readNewLines() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() <= offset) {
                return;
            }
            in.seek(offset);
            byte[] bytes = new byte[(int) (in.length() - offset)];
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1;
            for (String line : text.substring(0, complete).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode report = JSON.readTree(line);
                    byRequestId.put(report.path("requestId").asText(), report);
                }
            }
            offset += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
