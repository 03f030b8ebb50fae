package dev.tally.ops.coldstart;

import java.util.Collection;
import java.util.OptionalDouble;

/**
 * Nearest-rank percentiles of some durations ({@link Percentiles}); null where there are none.
 *
 * @param count how many values
 * @param p50   the median
 * @param p90   the 90th percentile
 * @param p99   the 99th percentile
 * @param max   the largest
 */
public record Summary(int count, Double p50, Double p90, Double p99, Double max) {

    /** The summary of {@code values}. */
    public static Summary of(Collection<Double> values) {
        return new Summary(
                values.size(),
                value(Percentiles.of(values, 50)),
                value(Percentiles.of(values, 90)),
                value(Percentiles.of(values, 99)),
                value(Percentiles.of(values, 100)));
    }

    private static Double value(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
