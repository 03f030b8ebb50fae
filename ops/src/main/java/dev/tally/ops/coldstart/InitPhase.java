package dev.tally.ops.coldstart;

import java.util.Objects;

/**
 * One named subsegment below a function segment's {@code Initialization} or {@code Restore}
 * subsegment, at any depth: a part of the init breakdown.
 *
 * @param functionName the function (the segment's name)
 * @param version      the function version
 * @param path         the names from {@code Initialization}/{@code Restore} down to this subsegment,
 *                     joined with {@code " > "}, e.g. {@code Initialization > static init > DynamoDbClient}
 * @param durationMs   its duration
 * @param timestampMs  epoch milliseconds when its function segment ended
 */
public record InitPhase(String functionName, String version, String path, double durationMs, long timestampMs) {

    /** What separates the names in a {@link #path}. */
    public static final String SEPARATOR = " > ";

    public InitPhase {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(path, "path");
        version = version == null || version.isBlank() ? Invocation.LATEST : version;
    }

    /** How deep below Initialization/Restore the subsegment is (1 = a direct child). */
    public int depth() {
        return path.split(SEPARATOR, -1).length - 1;
    }
}
