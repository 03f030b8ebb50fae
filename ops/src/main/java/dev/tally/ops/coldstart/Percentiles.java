package dev.tally.ops.coldstart;

import java.util.Collection;
import java.util.OptionalDouble;

/** Nearest-rank percentiles: the smallest value with at least {@code p}% of the values at or below it. */
public final class Percentiles {

    private Percentiles() {}

    /** The {@code percentile} (0 &lt; p &le; 100) of {@code values}; empty when there are none. */
    public static OptionalDouble of(Collection<Double> values, double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return OptionalDouble.of(sorted[Math.max(rank, 1) - 1]);
    }
}
