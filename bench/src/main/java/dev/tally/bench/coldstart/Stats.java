package dev.tally.bench.coldstart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Order statistics of a sample (nearest-rank percentiles; the median of an even sample is the mean of the middle two). */
final class Stats {

    private Stats() {}

    static double median(List<Double> values) {
        List<Double> sorted = sorted(values);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double percentile(List<Double> values, double percent) {
        List<Double> sorted = sorted(values);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** {@code {median, min, max}} rounded to 0.1. */
    static Map<String, Double> summary(List<Double> values) {
        List<Double> sorted = sorted(values);
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("median", round(median(sorted)));
        summary.put("min", sorted.isEmpty() ? Double.NaN : round(sorted.get(0)));
        summary.put("max", sorted.isEmpty() ? Double.NaN : round(sorted.get(sorted.size() - 1)));
        return summary;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
