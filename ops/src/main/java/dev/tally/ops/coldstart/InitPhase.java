package dev.tally.ops.coldstart;

import java.util.Objects;

/**
 * One subsegment inside a function's {@code Initialization} subsegment (an X-Ray segment stored in
 * {@code traces.jsonl}): a part of the init breakdown.
 *
 * @param functionName the function (the segment's name)
 * @param name         the subsegment's name
 * @param durationMs   its duration
 */
public record InitPhase(String functionName, String name, double durationMs) {

    public InitPhase {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(name, "name");
    }
}
