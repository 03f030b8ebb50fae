package dev.tally.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void summary_whenHundredValues_givesNearestRankPercentiles() {
        LatencyStats stats = new LatencyStats();
        for (int i = 100; i >= 1; i--) {
            stats.add(i);
        }

        Map<String, Object> summary = stats.summary();

        assertThat(summary)
                .containsEntry("count", 100)
                .containsEntry("p50", 50.0)
                .containsEntry("p90", 90.0)
                .containsEntry("p99", 99.0)
                .containsEntry("max", 100.0);
    }

    @Test
    void summary_whenEmpty_hasNoPercentiles() {
        assertThat(new LatencyStats().summary()).containsEntry("count", 0).containsEntry("p99", null);
    }

    @Test
    void cents_roundTripsThroughAmount() {
        assertThat(PipelineClient.cents("12.34")).isEqualTo(1234);
        assertThat(PipelineClient.amount(100_000_00)).isEqualTo("100000.00");
    }
}
