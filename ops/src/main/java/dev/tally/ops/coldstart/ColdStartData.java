package dev.tally.ops.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ops.OpsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local runtime stored in its data directory: the REPORT records ({@code reports.jsonl},
 * one {@code InvocationReport} JSON per line) and the X-Ray segment documents ({@code traces.jsonl},
 * one per line; optional). Lines that cannot be read are counted, not dropped silently.
 *
 * @param invocations           every readable REPORT record
 * @param initPhases            the subsegments found under the functions' {@code Initialization} subsegments
 * @param unreadableReportLines REPORT lines that were not valid records
 * @param unreadableTraceLines  trace lines that were not JSON documents
 */
public record ColdStartData(List<Invocation> invocations, List<InitPhase> initPhases, int unreadableReportLines,
                            int unreadableTraceLines) {

    /** The REPORT records' file name. */
    public static final String REPORTS = "reports.jsonl";
    /** The X-Ray segments' file name. */
    public static final String TRACES = "traces.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAMBDA_FUNCTION_ORIGIN = "AWS::Lambda::Function";
    private static final String INITIALIZATION = "Initialization";

    public ColdStartData {
        invocations = List.copyOf(invocations);
        initPhases = List.copyOf(initPhases);
    }

    /** Reads {@code dataDir}; fails naming the file when there are no REPORT records to read. */
    public static ColdStartData load(Path dataDir) {
        Path reports = dataDir.resolve(REPORTS);
        if (!Files.isRegularFile(reports)) {
            throw new OpsException("no " + REPORTS + " in " + dataDir.toAbsolutePath()
                    + ": run `./tally local` (with --data-dir if not .tally) and invoke some functions first");
        }
        List<Invocation> invocations = new ArrayList<>();
        int unreadableReports = 0;
        for (String line : lines(reports)) {
            try {
                invocations.add(invocation(JSON.readTree(line)));
            } catch (IOException | RuntimeException unreadable) {
                unreadableReports++;
            }
        }
        List<InitPhase> phases = new ArrayList<>();
        int unreadableTraces = 0;
        Path traces = dataDir.resolve(TRACES);
        if (Files.isRegularFile(traces)) {
            List<JsonNode> documents = new ArrayList<>();
            for (String line : lines(traces)) {
                try {
                    documents.add(JSON.readTree(line));
                } catch (IOException unreadable) {
                    unreadableTraces++;
                }
            }
            phases.addAll(initPhases(documents));
        }
        return new ColdStartData(invocations, phases, unreadableReports, unreadableTraces);
    }

    private static Invocation invocation(JsonNode report) {
        JsonNode init = report.get("initDurationMs");
        return new Invocation(required(report, "functionName").asText(), required(report, "coldStart").asBoolean(),
                init == null || init.isNull() ? null : init.asDouble(), required(report, "durationMs").asDouble());
    }

    /** Children of each function segment's Initialization subsegment, nested or sent as separate documents. */
    static List<InitPhase> initPhases(List<JsonNode> documents) {
        List<InitPhase> phases = new ArrayList<>();
        Map<String, String> functionOfInitialization = new HashMap<>();
        for (JsonNode document : documents) {
            if (!LAMBDA_FUNCTION_ORIGIN.equals(document.path("origin").asText())) {
                continue;
            }
            String function = document.path("name").asText();
            for (JsonNode subsegment : document.path("subsegments")) {
                if (INITIALIZATION.equals(subsegment.path("name").asText())) {
                    functionOfInitialization.put(subsegment.path("id").asText(), function);
                    for (JsonNode phase : subsegment.path("subsegments")) {
                        phases.add(phase(function, phase));
                    }
                }
            }
        }
        for (JsonNode document : documents) {
            String parent = document.path("parent_id").asText(null);
            if ("subsegment".equals(document.path("type").asText()) && parent != null && functionOfInitialization.containsKey(parent)) {
                phases.add(phase(functionOfInitialization.get(parent), document));
            }
        }
        return phases;
    }

    private static InitPhase phase(String function, JsonNode subsegment) {
        double durationMs = (subsegment.path("end_time").asDouble() - subsegment.path("start_time").asDouble()) * 1000.0;
        return new InitPhase(function, subsegment.path("name").asText("(unnamed)"), durationMs);
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
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException unreadable) {
            throw new OpsException("cannot read " + file.toAbsolutePath() + ": " + unreadable.getMessage(), unreadable);
        }
    }
}
