package dev.tally.ops.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.ops.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally ops coldstart report} over a fixture data directory (src/test/resources/coldstart):
 * QueryFunction has cold inits 800/1000/900 ms with durations 100/140/120 ms and warm durations
 * 10..50 ms; CommandWorkerFunction one cold start; one truncated REPORT line and one non-JSON trace line.
 */
class ColdStartReportTest {

    @Test
    void report_overTheFixture_givesCountsAndNearestRankPercentilesPerFunction() throws Exception {
        CliRun run = CliRun.of("coldstart", "report", "--data-dir", fixture().toString());

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).contains(
                "| CommandWorkerFunction | 1 | 0 | 1500.0 | 1500.0 | 1500.0 | 300.0 | 300.0 | – | – |",
                "| QueryFunction | 3 | 5 | 900.0 | 1000.0 | 1000.0 | 120.0 | 140.0 | 30.0 | 50.0 |",
                "Not counted: 1 unreadable REPORT line(s), 1 unreadable trace line(s).");
        assertThat(lines.indexOf("| CommandWorkerFunction | 1 | 0 | 1500.0 | 1500.0 | 1500.0 | 300.0 | 300.0 | – | – |"))
                .as("functions sorted by name").isEqualTo(2);
    }

    @Test
    void report_overTheFixture_breaksInitDownFromNestedAndSeparateSubsegments() throws Exception {
        CliRun run = CliRun.of("coldstart", "report", "--data-dir", fixture().toString());

        assertThat(run.out().lines().toList()).containsSubsequence(
                "### Init breakdown (subsegments of Initialization)",
                "| CommandWorkerFunction | ## load config | 1 | 50.0 | 50.0 | 50.0 |",
                "| QueryFunction | JVM start | 1 | 250.0 | 250.0 | 250.0 |",
                "| QueryFunction | static init | 2 | 500.0 | 700.0 | 700.0 |")
                .noneMatch(line -> line.contains("## handleRequest"));
    }

    @Test
    void report_withoutTraces_saysThereIsNoBreakdown(@TempDir Path dataDir) throws Exception {
        Files.copy(fixture().resolve(ColdStartData.REPORTS), dataDir.resolve(ColdStartData.REPORTS));

        CliRun run = CliRun.of("coldstart", "report", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("No init breakdown").contains("| QueryFunction | 3 | 5 |");
    }

    @Test
    void report_whenTheDataDirHasNoReports_failsNamingTheFileAndWhatToDo(@TempDir Path empty) {
        CliRun run = CliRun.of("coldstart", "report", "--data-dir", empty.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no reports.jsonl in " + empty.toAbsolutePath()).contains("./tally local");
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(ColdStartReportTest.class.getResource("/coldstart/reports.jsonl").toURI()).getParent();
    }
}
