package dev.tally.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the cold-start benchmark (no numbers asserted): the two reference functions from the
 * packaged reference jar, one cold run and two warm invocations each, through the local runtime's
 * real containers, against a one-table template.
 */
class ColdStartBenchmarkIT {

    @TempDir
    Path root;

    @Test
    @SuppressWarnings("unchecked")
    void run_withTheReferenceFunctions_reportsEveryColdAndWarmNumberAgainstTheFloor() throws Exception {
        Files.copy(Path.of("src/test/resources/coldstart/smoke-template.yaml"), root.resolve("template.yaml"));
        Path referenceJar = Path.of(System.getProperty("referenceJar")).toAbsolutePath();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ColdStartBenchmark.Options options = ColdStartBenchmark.parse(new String[] {
            "--root",
            root.toString(),
            "--reference-jar",
            referenceJar.toString(),
            "--out",
            root.resolve("out").toString(),
            "--runs",
            "1",
            "--warm",
            "2",
            "--no-aot-cache"
        });

        Map<String, Object> result =
                new ColdStartBenchmark(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        Map<String, Object> noCache = (Map<String, Object>) ((Map<String, Object>) result.get("modes")).get("no-cache");
        assertThat(noCache).containsOnlyKeys(ColdStartBenchmark.FLOOR, ColdStartBenchmark.NAIVE);
        for (String function : List.of(ColdStartBenchmark.FLOOR, ColdStartBenchmark.NAIVE)) {
            Map<String, Object> entry = (Map<String, Object>) noCache.get(function);
            assertThat(((Map<String, Double>) entry.get("initMs")).get("median"))
                    .isPositive();
            assertThat(((Map<String, Double>) entry.get("coldTotalMs")).get("median"))
                    .isPositive();
            assertThat(((Map<String, Object>) entry.get("warm")).get("invocations"))
                    .isEqualTo(2);
        }
        Map<String, Object> floorRatio =
                (Map<String, Object>) ((Map<String, Object>) noCache.get(ColdStartBenchmark.FLOOR)).get("ratioToFloor");
        assertThat(floorRatio.get("median")).isEqualTo(1.0);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("| BenchFloorFunction |", "| BenchNaiveFunction |");
    }
}
