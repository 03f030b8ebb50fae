package dev.tally.ops.coldstart;

import java.util.Objects;

/**
 * One stored REPORT record of the local runtime ({@code reports.jsonl}), the fields the report uses.
 *
 * @param functionName   the function
 * @param coldStart      whether the invocation initialised its container
 * @param initDurationMs the container's init duration; null when warm
 * @param durationMs     the invocation's duration
 */
public record Invocation(String functionName, boolean coldStart, Double initDurationMs, double durationMs) {

    public Invocation {
        Objects.requireNonNull(functionName, "functionName");
        if (coldStart && initDurationMs == null) {
            throw new IllegalArgumentException("a cold invocation has an initDurationMs");
        }
    }
}
