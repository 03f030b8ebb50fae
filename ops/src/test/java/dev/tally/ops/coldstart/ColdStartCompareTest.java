package dev.tally.ops.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.ops.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coldstart compare}: the gate CI runs between two JSON reports. */
class ColdStartCompareTest {

    @TempDir
    Path dir;

    @Test
    void compare_whenInitGotSlowerBeyondTheThreshold_exitsOneNamingTheFunction() throws Exception {
        Path before = report("before.json", Map.of("QueryFunction", 800.0, "AuthFunction", 400.0));
        Path after = report("after.json", Map.of("QueryFunction", 1000.0, "AuthFunction", 404.0));

        CliRun run = CliRun.of(
                "coldstart",
                "compare",
                "--baseline",
                before.toString(),
                "--candidate",
                after.toString(),
                "--threshold",
                "10%");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("Regressed past 10%: QueryFunction $LATEST")
                .doesNotContain("past 10%: AuthFunction");
        assertThat(run.out().lines())
                .anyMatch(line -> line.startsWith("| QueryFunction $LATEST | init |")
                        && line.contains("+25.0% [")
                        && line.endsWith("| REGRESSED |"));
        assertThat(run.out().lines())
                .anyMatch(line -> line.startsWith("| AuthFunction $LATEST | init |") && line.endsWith("| ok |"));
    }

    @Test
    void compare_whenWithinTheThreshold_exitsZero() throws Exception {
        Path before = report("before.json", Map.of("QueryFunction", 800.0));
        Path after = report("after.json", Map.of("QueryFunction", 760.0));

        CliRun run =
                CliRun.of("coldstart", "compare", "--baseline", before.toString(), "--candidate", after.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("-5.0% [").doesNotContain("Regressed");
    }

    @Test
    void compare_aNoisyDifferenceWhoseIntervalIncludesZero_isNotARegression() throws Exception {
        Path before = write("before.json", List.of(stats("F", List.of(100.0, 900.0, 100.0, 900.0))));
        Path after = write("after.json", List.of(stats("F", List.of(100.0, 900.0, 900.0, 100.0, 900.0))));

        CliRun run =
                CliRun.of("coldstart", "compare", "--baseline", before.toString(), "--candidate", after.toString());

        assertThat(run.out()).contains("| F $LATEST | init |");
        assertThat(run.exitCode()).as(run.out()).isZero();
    }

    @Test
    void compare_withAMissingOrForeignFile_exitsTwoWithOneLine() throws Exception {
        Path before = report("before.json", Map.of("QueryFunction", 800.0));
        Path foreign = Files.writeString(dir.resolve("foreign.json"), "[1, 2, 3]");

        CliRun missing = CliRun.of(
                "coldstart",
                "compare",
                "--baseline",
                before.toString(),
                "--candidate",
                dir.resolve("nope.json").toString());
        CliRun wrong =
                CliRun.of("coldstart", "compare", "--baseline", foreign.toString(), "--candidate", before.toString());
        CliRun threshold = CliRun.of(
                "coldstart",
                "compare",
                "--baseline",
                before.toString(),
                "--candidate",
                before.toString(),
                "--threshold",
                "ten");

        assertThat(List.of(missing, wrong, threshold)).allSatisfy(run -> {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        });
        assertThat(missing.err()).contains("--candidate").contains("no such file");
        assertThat(wrong.err()).contains("--baseline").contains("not a cold-start report");
    }

    /** A report whose functions have 30 init samples each: the same ±5% spread (same seed) around each median. */
    private Path report(String name, Map<String, Double> medians) throws Exception {
        List<FunctionStats> functions = new ArrayList<>();
        Random random = new Random(7);
        medians.forEach((function, median) -> {
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                samples.add(median * (0.95 + 0.1 * random.nextDouble()));
            }
            samples.set(0, median);
            functions.add(stats(function, samples));
        });
        functions.sort(java.util.Comparator.comparing(FunctionStats::function));
        return write(name, functions);
    }

    private static FunctionStats stats(String function, List<Double> init) {
        return new FunctionStats(
                function,
                "$LATEST",
                init.size(),
                init.size(),
                Summary.of(init),
                Summary.of(List.of()),
                Summary.of(List.of()),
                Summary.of(List.of()),
                null,
                List.of(),
                init,
                List.of(),
                List.of());
    }

    private Path write(String name, List<FunctionStats> functions) throws Exception {
        ColdStartReport report = new ColdStartReport(
                "local", Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"), functions, Map.of(), List.of());
        return Files.writeString(dir.resolve(name), ReportJson.write(report));
    }
}
