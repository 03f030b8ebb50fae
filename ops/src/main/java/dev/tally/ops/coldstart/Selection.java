package dev.tally.ops.coldstart;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the report covers: a time window (by the invocation's end) and optionally some functions
 * and one version.
 *
 * @param start     the window's start, inclusive
 * @param end       the window's end, exclusive
 * @param functions the functions to include; empty for all
 * @param version   the version to include; null for all
 */
public record Selection(Instant start, Instant end, Set<String> functions, String version) {

    public Selection {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the window's start " + start + " is not before its end " + end);
        }
        functions = Set.copyOf(functions);
    }

    /** Everything: all time, all functions, all versions. */
    public static Selection everything() {
        return new Selection(Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"), Set.of(), null);
    }

    /** Whether this function and version are selected (regardless of time). */
    public boolean includes(String function, String functionVersion) {
        return (functions.isEmpty() || functions.contains(function))
                && (version == null || version.equals(functionVersion));
    }

    /** Whether the invocation is selected. */
    public boolean includes(Invocation invocation) {
        return includes(invocation.functionName(), invocation.version()) && within(invocation.timestampMs());
    }

    /** Whether the phase is selected. */
    public boolean includes(InitPhase phase) {
        return includes(phase.functionName(), phase.version()) && within(phase.timestampMs());
    }

    /** Whether epoch milliseconds {@code at} fall in the window. */
    public boolean within(long at) {
        return at >= start.toEpochMilli() && at < end.toEpochMilli();
    }
}
