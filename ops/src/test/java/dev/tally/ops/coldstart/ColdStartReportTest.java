package dev.tally.ops.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ops.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally ops coldstart report --source local} over a fixture data directory
 * (src/test/resources/coldstart): QueryFunction has cold inits 800/1000/900 ms with durations
 * 100/140/120 ms and warm durations 10..50 ms; CommandWorkerFunction one cold start; one truncated
 * REPORT line and one non-JSON trace line. All invocations end at 2025-11-27T10:40:00Z.
 */
class ColdStartReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void report_markdown_givesCountsRatioAndNearestRankPercentilesPerFunctionVersion() throws Exception {
        CliRun run = CliRun.of("coldstart", "report", "--data-dir", fixture().toString(), "--format", "markdown");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines)
                .contains(
                        "| CommandWorkerFunction | $LATEST | 1 | 1 | 100.0 | 1500.0 | 1500.0 | 1500.0 | 1500.0 | – | – | – | – "
                                + "| 300.0 | 300.0 | 300.0 | – | – | – | 180 |",
                        "| QueryFunction | $LATEST | 8 | 3 | 37.5 | 900.0 | 1000.0 | 1000.0 | 1000.0 | – | – | – | – "
                                + "| 120.0 | 140.0 | 140.0 | 30.0 | 50.0 | 50.0 | 180 |",
                        "Not counted: 1 unreadable REPORT lines, 1 unreadable trace lines.");
    }

    @Test
    void report_breaksInitDownFromNestedAndSeparateSubsegments() throws Exception {
        CliRun run = CliRun.of("coldstart", "report", "--data-dir", fixture().toString(), "--format", "markdown");

        assertThat(run.out().lines().toList())
                .containsSubsequence(
                        "### Init breakdown (median ms per subsegment under Initialization/Restore)",
                        "| CommandWorkerFunction | $LATEST | Initialization > ## load config | 1 | 50.0 |",
                        "| QueryFunction | $LATEST | Initialization > JVM start | 1 | 250.0 |",
                        "| QueryFunction | $LATEST | Initialization > static init | 2 | 500.0 |")
                .noneMatch(line -> line.contains("## handleRequest"));
    }

    @Test
    void report_json_isTheDataOfCompare_withSamplesAndUnreadableCounts() throws Exception {
        CliRun run = CliRun.of("coldstart", "report", "--data-dir", fixture().toString(), "--format", "json");

        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("source").asText()).isEqualTo("local");
        assertThat(report.get("unreadableTotal").asInt()).isEqualTo(2);
        JsonNode query = report.get("functions").get(1);
        assertThat(query.get("function").asText()).isEqualTo("QueryFunction");
        assertThat(query.get("coldStarts").asInt()).isEqualTo(3);
        assertThat(query.get("init").get("p90").asDouble()).isEqualTo(1000.0);
        assertThat(query.get("initSamplesMs"))
                .extracting(JsonNode::asDouble)
                .containsExactlyInAnyOrder(800.0, 1000.0, 900.0);
    }

    @Test
    void report_csv_hasAFunctionRowAndPhaseRows() throws Exception {
        CliRun run = CliRun.of(
                "coldstart",
                "report",
                "--data-dir",
                fixture().toString(),
                "--format",
                "csv",
                "--function",
                "QueryFunction");

        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("source,kind,function,version,invocations,cold,cold_ratio,init_p50");
        assertThat(lines)
                .anyMatch(line -> line.startsWith("local,function,QueryFunction,$LATEST,8,3,0.3750,900.00,1000.00"))
                .anyMatch(line -> line.startsWith("local,phase,QueryFunction,$LATEST,")
                        && line.endsWith(",Initialization > static init,2,500.00"))
                .noneMatch(line -> line.contains("CommandWorkerFunction"));
    }

    @Test
    void report_html_isOneFileWithInlineSvgChartsAndNothingExternal(@TempDir Path out) throws Exception {
        Path file = out.resolve("coldstart.html");
        CliRun run = CliRun.of(
                "coldstart",
                "report",
                "--data-dir",
                fixture().toString(),
                "--format",
                "html",
                "--output",
                file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("wrote " + file);
        String html = Files.readString(file);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains(
                        "aria-label=\"init histogram QueryFunction\"",
                        "aria-label=\"init breakdown\"",
                        "aria-label=\"cold starts over time\"",
                        "<rect",
                        "<polyline");
        assertThat(html).doesNotContain("<script", "<link", "http://", "https://", "@import", "url(");
    }

    @Test
    void report_windowAndFunctionFilter_selectInvocations() throws Exception {
        CliRun before = CliRun.of(
                "coldstart",
                "report",
                "--data-dir",
                fixture().toString(),
                "--format",
                "markdown",
                "--start",
                "2025-11-27T10:00:00Z",
                "--end",
                "2025-11-27T10:39:59Z");
        CliRun around = CliRun.of(
                "coldstart",
                "report",
                "--data-dir",
                fixture().toString(),
                "--format",
                "markdown",
                "--start",
                "2025-11-27T10:39:00Z",
                "--end",
                "2025-11-27T10:41:00Z",
                "--function",
                "CommandWorkerFunction");

        assertThat(before.out()).contains("No invocations in this window.").doesNotContain("| QueryFunction |");
        assertThat(around.out())
                .contains("| CommandWorkerFunction | $LATEST | 1 | 1 |")
                .doesNotContain("| QueryFunction | $LATEST | 8");
    }

    @Test
    void report_versionFilter_keepsOnlyThatVersion() throws Exception {
        CliRun latest = CliRun.of("coldstart", "report", "--data-dir", fixture().toString(), "--version", "$LATEST");
        CliRun three = CliRun.of("coldstart", "report", "--data-dir", fixture().toString(), "--version", "3");

        assertThat(latest.exitCode()).as(latest.err()).isZero();
        assertThat(latest.out()).contains("QueryFunction");
        assertThat(three.out()).contains("No invocations in this window.").doesNotContain("QueryFunction");
    }

    @Test
    void report_withoutTraces_saysThereIsNoBreakdown(@TempDir Path dataDir) throws Exception {
        Files.copy(fixture().resolve("reports.jsonl"), dataDir.resolve("reports.jsonl"));

        CliRun run = CliRun.of("coldstart", "report", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("No init breakdown").contains("QueryFunction");
    }

    @Test
    void report_whenTheDataDirHasNoReports_failsNamingTheFileAndWhatToDo(@TempDir Path empty) {
        CliRun run = CliRun.of("coldstart", "report", "--data-dir", empty.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("no reports.jsonl in " + empty.toAbsolutePath())
                .contains("./tally local");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void report_badUsage_exitsTwoWithOneLine() throws Exception {
        for (String[] args : List.of(
                new String[] {"--format", "pdf"},
                new String[] {"--since", "yesterday"},
                new String[] {"--since", "1h", "--start", "2026-01-01T00:00:00Z"},
                new String[] {"--source", "s3"},
                new String[] {"--start", "2026-02-01T00:00:00Z", "--end", "2026-01-01T00:00:00Z"})) {
            List<String> all = new java.util.ArrayList<>(
                    List.of("coldstart", "report", "--data-dir", fixture().toString()));
            all.addAll(List.of(args));
            CliRun run = CliRun.of(all.toArray(String[]::new));

            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("tally ops: ").doesNotContain("Exception");
        }
    }

    @Test
    void report_xrayWithoutRegion_exitsTwoNamingTheOption() {
        CliRun run = CliRun.of("coldstart", "report", "--source", "xray", "--endpoint-url", "http://127.0.0.1:9");

        if (System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--region");
        } else {
            assertThat(run.exitCode()).as("nothing listens on port 9").isEqualTo(2);
            assertThat(run.err()).contains("X-Ray could not be reached");
        }
    }

    static Path fixture() throws URISyntaxException {
        return Path.of(ColdStartReportTest.class
                        .getResource("/coldstart/reports.jsonl")
                        .toURI())
                .getParent();
    }
}
