package dev.tally.ops.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ops.OpsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --source local}: what the local runtime stored in its data directory, the REPORT records
 * ({@code reports.jsonl}, one {@code InvocationReport} per line) and the X-Ray segment documents
 * ({@code traces.jsonl}, optional) for the init breakdown.
 */
final class LocalSource {

    /** The REPORT records' file name. */
    static final String REPORTS = "reports.jsonl";
    /** The X-Ray segments' file name. */
    static final String TRACES = "traces.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalSource() {}

    /** Reads {@code dataDir}; fails naming the file when there are no REPORT records to read. */
    static ColdStartData load(Path dataDir) {
        Path reports = dataDir.resolve(REPORTS);
        if (!Files.isRegularFile(reports)) {
            throw new OpsException("no " + REPORTS + " in " + dataDir.toAbsolutePath()
                    + ": run `./tally local` (with --data-dir if not .tally) and invoke some functions first");
        }
        List<Invocation> invocations = new ArrayList<>();
        int unreadableReports = 0;
        int failedInits = 0;
        for (String line : lines(reports)) {
            try {
                JsonNode report = JSON.readTree(line);
                if (failedInit(report)) {
                    failedInits++;
                } else {
                    invocations.add(invocation(report));
                }
            } catch (IOException | RuntimeException unreadable) {
                unreadableReports++;
            }
        }
        Map<String, Integer> unreadable = new LinkedHashMap<>();
        unreadable.put("REPORT lines", unreadableReports);
        List<InitPhase> phases = new ArrayList<>();
        Path traces = dataDir.resolve(TRACES);
        if (Files.isRegularFile(traces)) {
            SegmentReader segments = new SegmentReader();
            int unreadableTraces = 0;
            for (String line : lines(traces)) {
                try {
                    segments.add(JSON.readTree(line));
                } catch (IOException notJson) {
                    unreadableTraces++;
                }
            }
            SegmentReader.Result result = segments.read();
            phases.addAll(result.phases());
            unreadable.put("trace lines", unreadableTraces);
            unreadable.put("incomplete subsegments", result.incomplete());
        }
        return new ColdStartData(
                "local",
                invocations,
                phases,
                unreadable,
                List.of(
                        "local runtime data in " + dataDir.toAbsolutePath() + ": every invocation is recorded",
                        failedInits + " failed or timed-out init(s) (not in the numbers)"));
    }

    /** A cold record without an init duration: the init failed or timed out (Lambda logs INIT_REPORT, no REPORT). */
    private static boolean failedInit(JsonNode report) {
        return report.path("coldStart").asBoolean(false)
                && report.path("initDurationMs").isNull()
                && report.path("restoreDurationMs").isMissingNode()
                && report.hasNonNull("functionName")
                && report.hasNonNull("durationMs");
    }

    private static Invocation invocation(JsonNode report) {
        JsonNode init = report.get("initDurationMs");
        JsonNode restore = report.get("restoreDurationMs");
        JsonNode memory = report.get("maxMemoryUsedMb");
        return new Invocation(
                required(report, "functionName").asText(),
                report.path("version").asText(null),
                required(report, "timestamp").asLong(),
                required(report, "coldStart").asBoolean(),
                init == null || init.isNull() ? null : init.asDouble(),
                restore == null || restore.isNull() ? null : restore.asDouble(),
                required(report, "durationMs").asDouble(),
                memory == null || memory.isNull() ? null : memory.asLong());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException unreadable) {
            throw new OpsException("cannot read " + file.toAbsolutePath() + ": " + unreadable.getMessage(), unreadable);
        }
    }
}
