package dev.tally.bench.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles of a set of latencies in milliseconds (nearest rank). */
final class LatencyStats {

    private final List<Double> values = new ArrayList<>();

    synchronized void add(double millis) {
        values.add(millis);
    }

    synchronized int count() {
        return values.size();
    }

    synchronized Map<String, Object> summary() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", sorted.size());
        summary.put("p50", percentile(sorted, 50));
        summary.put("p90", percentile(sorted, 90));
        summary.put("p99", percentile(sorted, 99));
        summary.put("max", sorted.isEmpty() ? null : round(sorted.get(sorted.size() - 1)));
        return summary;
    }

    private static Double percentile(List<Double> sorted, double percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return round(sorted.get(Math.max(0, rank - 1)));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
