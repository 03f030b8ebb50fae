package dev.tally.ops.coldstart;

import java.util.Objects;

/**
 * One invocation as a source saw it: a REPORT record (local file or CloudWatch Logs) or an
 * {@code AWS::Lambda::Function} segment (X-Ray). Durations are in milliseconds at REPORT precision
 * (0.01 ms), so every source gives the same numbers for the same invocation.
 *
 * @param functionName      the function
 * @param version           the function version ({@code $LATEST} or a number)
 * @param timestampMs       epoch milliseconds when the invocation ended
 * @param coldStart         whether this invocation initialised (or restored) its execution environment
 * @param initDurationMs    the init duration; null when warm or restored from a SnapStart snapshot
 * @param restoreDurationMs the SnapStart restore duration; null unless restored
 * @param durationMs        the invocation's duration
 * @param maxMemoryUsedMb   the peak memory; null where the source does not carry it (X-Ray)
 */
public record Invocation(
        String functionName,
        String version,
        long timestampMs,
        boolean coldStart,
        Double initDurationMs,
        Double restoreDurationMs,
        double durationMs,
        Long maxMemoryUsedMb) {

    /** The version Lambda reports for an unpublished function. */
    public static final String LATEST = "$LATEST";

    public Invocation {
        Objects.requireNonNull(functionName, "functionName");
        version = version == null || version.isBlank() ? LATEST : version;
        if (coldStart && initDurationMs == null && restoreDurationMs == null) {
            throw new IllegalArgumentException("a cold invocation has an init or a restore duration");
        }
        initDurationMs = initDurationMs == null ? null : Milliseconds.round(initDurationMs);
        restoreDurationMs = restoreDurationMs == null ? null : Milliseconds.round(restoreDurationMs);
        durationMs = Milliseconds.round(durationMs);
    }
}
