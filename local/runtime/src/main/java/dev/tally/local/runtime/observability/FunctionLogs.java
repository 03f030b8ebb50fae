package dev.tally.local.runtime.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.runtime.lambda.InvocationReport;
import dev.tally.local.runtime.lambda.PlatformLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * What Lambda would send to each function's CloudWatch log group {@code /aws/lambda/<function>}:
 * the function's output and the platform lines, kept in {@code <data-dir>/logs/<function>.jsonl}
 * (one {@code {"timestamp", "logStreamName", "message"}} per line) and served by {@link LocalLogsApi}.
 * Decorates the stack's {@link PlatformLog}.
 *
 * <p>With {@code LoggingConfig: LogFormat: JSON} the platform lines are the JSON events Lambda writes
 * in that format ({@code platform.initReport}, {@code platform.start}, {@code platform.runtimeDone},
 * {@code platform.report}); with {@code Text} (the default) they are the text lines ({@code START},
 * {@code END}, {@code REPORT}, {@code INIT_REPORT}).
 */
public final class FunctionLogs implements PlatformLog, AutoCloseable {

    /** The log format value that switches platform lines to JSON events. */
    public static final String JSON_FORMAT = "JSON";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final PlatformLog delegate;
    private final Path directory;
    private final Map<String, String> logFormats;
    private final Map<String, Writer> writers = new HashMap<>();

    /**
     * @param delegate   the console and REPORT record log
     * @param directory  {@code <data-dir>/logs}
     * @param logFormats each function's {@code LoggingConfig.LogFormat} ({@code Text} when absent)
     */
    public FunctionLogs(PlatformLog delegate, Path directory, Map<String, String> logFormats) {
        this.delegate = delegate;
        this.directory = directory;
        this.logFormats = Map.copyOf(logFormats);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    /** The file holding one function's log events. */
    public static Path file(Path directory, String functionName) {
        return directory.resolve(functionName + ".jsonl");
    }

    @Override
    public void functionOutput(String functionName, String line) {
        delegate.functionOutput(functionName, line);
        append(functionName, System.currentTimeMillis(), line);
    }

    @Override
    public void platform(String functionName, String line) {
        delegate.platform(functionName, line);
        platformLine(functionName, System.currentTimeMillis(), line);
    }

    private void platformLine(String functionName, long at, String line) {
        append(functionName, at, json(functionName) ? platformEvent(at, line) : line);
    }

    @Override
    public void report(InvocationReport report) {
        delegate.report(report);
        if (report.coldStart() && report.initDurationMs() == null) {
            // The init failed: Lambda logs an INIT_REPORT (a timeout already logged its own), not a REPORT.
            if (!"timeout".equals(report.status())) {
                platformLine(
                        report.functionName(),
                        report.timestamp(),
                        "INIT_REPORT Init Duration: 0.00 ms\tPhase: init\tStatus: error");
            }
            return;
        }
        if (!json(report.functionName())) {
            append(report.functionName(), report.timestamp(), report.reportLine());
            return;
        }
        if (report.initDurationMs() != null) {
            ObjectNode init = event(report.timestamp(), "platform.initReport");
            ObjectNode record = init.putObject("record")
                    .put("initializationType", "on-demand")
                    .put("phase", "init")
                    .put("status", "success");
            record.putObject("metrics").put("durationMs", report.initDurationMs());
            append(report.functionName(), report.timestamp(), init.toString());
        }
        ObjectNode event = event(report.timestamp(), "platform.report");
        ObjectNode record =
                event.putObject("record").put("requestId", report.requestId()).put("status", report.status());
        ObjectNode metrics = record.putObject("metrics")
                .put("durationMs", report.durationMs())
                .put("billedDurationMs", report.billedDurationMs())
                .put("memorySizeMB", report.memorySizeMb())
                .put("maxMemoryUsedMB", report.maxMemoryUsedMb());
        if (report.initDurationMs() != null) {
            metrics.put("initDurationMs", report.initDurationMs());
        }
        if (report.traceId() != null) {
            record.putObject("tracing")
                    .put("type", "X-Amzn-Trace-Id")
                    .put("value", "Root=" + report.traceId() + ";Parent=" + report.segmentId() + ";Sampled=1");
        }
        append(report.functionName(), report.timestamp(), event.toString());
    }

    private boolean json(String functionName) {
        return JSON_FORMAT.equalsIgnoreCase(logFormats.getOrDefault(functionName, "Text"));
    }

    /** START/END/INIT_REPORT as their JSON events; any other platform line (a timeout notice) as text. */
    private static String platformEvent(long at, String line) {
        String[] words = line.split("[\\s]+");
        if (line.startsWith("START RequestId: ")) {
            ObjectNode event = event(at, "platform.start");
            event.putObject("record").put("requestId", words[2]).put("version", "$LATEST");
            return event.toString();
        }
        if (line.startsWith("END RequestId: ")) {
            ObjectNode event = event(at, "platform.runtimeDone");
            event.putObject("record").put("requestId", words[2]).put("status", "success");
            return event.toString();
        }
        if (line.startsWith("INIT_REPORT ")) {
            ObjectNode event = event(at, "platform.initReport");
            ObjectNode record = event.putObject("record")
                    .put("initializationType", "on-demand")
                    .put("phase", "init")
                    .put("status", line.contains("Status: timeout") ? "timeout" : "error");
            record.putObject("metrics").put("durationMs", Double.parseDouble(words[3]));
            return event.toString();
        }
        return line;
    }

    /** Closes the log files. */
    @Override
    public synchronized void close() {
        for (Writer writer : writers.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                System.err.println("cannot close a log file in " + directory + ": " + e.getMessage());
            }
        }
        writers.clear();
    }

    private static ObjectNode event(long at, String type) {
        return JSON.createObjectNode()
                .put("time", Instant.ofEpochMilli(at).toString())
                .put("type", type);
    }

    /** One line per event, flushed at once (the logs API reads the file); one open file per function. */
    private synchronized void append(String functionName, long timestamp, String message) {
        ObjectNode line = JSON.createObjectNode()
                .put("timestamp", timestamp)
                .put("logStreamName", DAY.format(Instant.ofEpochMilli(timestamp)) + "/[$LATEST]local")
                .put("message", message);
        try {
            Writer writer = writers.get(functionName);
            if (writer == null) {
                writer = Files.newBufferedWriter(
                        file(directory, functionName),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                writers.put(functionName, writer);
            }
            writer.write(line + "\n");
            writer.flush();
        } catch (IOException e) {
            System.err.println(
                    "cannot store a log line of " + functionName + " in " + directory + ": " + e.getMessage());
        }
    }
}
