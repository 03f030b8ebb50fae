package dev.tally.local.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the verdict of every case on every server and writes the summary table (cases × servers) as
 * markdown, plus every normalised result as JSON for investigating a disagreement.
 */
final class ConformanceReport {

    private final List<String> servers;
    private final Map<String, Map<String, Verdict>> verdicts = new LinkedHashMap<>();
    private final ObjectNode results;
    private final ObjectMapper json;

    ConformanceReport(ObjectMapper json, List<String> servers) {
        this.json = json;
        this.servers = List.copyOf(servers);
        this.results = json.createObjectNode();
    }

    void record(String caseId, Map<String, Verdict> caseVerdicts, Map<String, JsonNode> normalizedResults) {
        verdicts.put(caseId, Map.copyOf(caseVerdicts));
        ObjectNode entry = results.putObject(caseId);
        normalizedResults.forEach(entry::set);
    }

    int caseCount() {
        return verdicts.size();
    }

    /** Count of each verdict per server. */
    Map<String, Map<Verdict, Integer>> totals() {
        Map<String, Map<Verdict, Integer>> totals = new LinkedHashMap<>();
        for (String server : servers) {
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            verdicts.values().forEach(row -> counts.merge(row.get(server), 1, Integer::sum));
            totals.put(server, counts);
        }
        return totals;
    }

    String summaryMarkdown() {
        StringBuilder out = new StringBuilder("| verdict | ")
                .append(String.join(" | ", servers))
                .append(" |\n|---|");
        servers.forEach(server -> out.append("---|"));
        out.append('\n');
        Map<String, Map<Verdict, Integer>> totals = totals();
        for (Verdict verdict : Verdict.values()) {
            out.append("| ").append(verdict.label()).append(" |");
            servers.forEach(server -> out.append(' ')
                    .append(totals.get(server).getOrDefault(verdict, 0))
                    .append(" |"));
            out.append('\n');
        }
        out.append("| **cases** |");
        servers.forEach(server -> out.append(' ').append(verdicts.size()).append(" |"));
        return out.append('\n').toString();
    }

    /** Writes {@code report.md} (summary and per-case table) and {@code results.json} into {@code directory}. */
    void write(Path directory) {
        StringBuilder out = new StringBuilder("# DynamoDB conformance report\n\n")
                .append(summaryMarkdown())
                .append("\n| case | ")
                .append(String.join(" | ", servers))
                .append(" |\n|---|");
        servers.forEach(server -> out.append("---|"));
        out.append('\n');
        verdicts.forEach((caseId, row) -> {
            out.append("| ").append(caseId).append(" |");
            servers.forEach(
                    server -> out.append(' ').append(row.get(server).label()).append(" |"));
            out.append('\n');
        });
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("report.md"), out);
            json.writerWithDefaultPrettyPrinter()
                    .writeValue(directory.resolve("results.json").toFile(), results);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot write the conformance report", failure);
        }
    }
}
