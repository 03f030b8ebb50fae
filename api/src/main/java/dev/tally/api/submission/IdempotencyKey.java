package dev.tally.api.submission;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header: when present it becomes the command id, so a
 * retried request is recognised as the same command.
 */
public final class IdempotencyKey {

    /** The header as clients send it (API Gateway v2 lower-cases header names). */
    public static final String HEADER = "Idempotency-Key";
    /** The accepted shape: what a client can safely put in a URL path and a DynamoDB key. */
    public static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** What is wrong with a key that does not match {@link #SHAPE}. */
    public static final String PROBLEM = "must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'";

    private IdempotencyKey() {}

    /** Empty when the key is well-formed, else the problem to report for the header. */
    public static Optional<String> problem(String key) {
        return key != null && SHAPE.matcher(key).matches() ? Optional.empty() : Optional.of(PROBLEM);
    }
}
