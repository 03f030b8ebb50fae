package dev.tally.ops.coldstart;

/** Durations at the precision of Lambda's REPORT line: hundredths of a millisecond. */
final class Milliseconds {

    private Milliseconds() {}

    /** {@code value} rounded half up to 0.01 ms. */
    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /** The milliseconds between two X-Ray timestamps (epoch seconds with fractions), rounded to 0.01 ms. */
    static double between(double startSeconds, double endSeconds) {
        return round((endSeconds - startSeconds) * 1000.0);
    }
}
