package dev.tally.bench.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sub-second smoke run against the embedded server only: the real measurement is never part of the build. */
class DynamoDbBenchmarkTest {

    @Test
    void run_whenEmbeddedServerOnly_reportsEveryWorkloadAndStartup() {
        String table = DynamoDbBenchmark.run(List.of("tally"), Duration.ofMillis(150), Duration.ofMillis(50), 2);

        assertThat(table)
                .contains(
                        "PutItem+GetItem pair",
                        "Query (20 items)",
                        "conditional UpdateItem",
                        "TransactWriteItems (2 puts)",
                        "startup to first answered request");
        assertThat(table).doesNotContain("failed)");
        assertThat(table.lines()
                        .filter(line -> line.startsWith("| PutItem+GetItem pair |"))
                        .findFirst()
                        .orElseThrow())
                .doesNotContain("| 0 |");
    }

    @Test
    void run_whenRawClient_reportsEveryWorkloadWithoutFailures() {
        String table = DynamoDbBenchmark.run(
                List.of("tally"), List.of("raw"), Duration.ofMillis(150), Duration.ofMillis(50), 2);

        assertThat(table)
                .contains(
                        "client: raw",
                        "PutItem+GetItem pair",
                        "Query (20 items)",
                        "conditional UpdateItem",
                        "TransactWriteItems (2 puts)");
        assertThat(table).doesNotContain("failed)");
        assertThat(table.lines()
                        .filter(line -> line.startsWith("| Query (20 items) |"))
                        .findFirst()
                        .orElseThrow())
                .doesNotContain("| 0 |");
    }

    @Test
    void run_whenClientUnknown_failsNamingTheKnownOnes() {
        assertThatThrownBy(() -> DynamoDbBenchmark.run(
                        List.of("tally"), List.of("curl"), Duration.ofMillis(10), Duration.ZERO, 1))
                .hasMessageContaining("unknown client 'curl'")
                .hasMessageContaining("raw");
    }

    @Test
    void run_whenServerUnknown_failsNamingTheKnownOnes() {
        assertThatThrownBy(() -> DynamoDbBenchmark.run(List.of("dynalite"), Duration.ofMillis(10), Duration.ZERO, 1))
                .hasMessageContaining("unknown server 'dynalite'")
                .hasMessageContaining("tally");
    }
}
