package dev.tally.common.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of every SDK client Tally builds.
 *
 * @param apiCallTimeout the whole call, all retries included
 * @param apiCallAttemptTimeout one HTTP attempt
 * @param connectionTimeout opening the TCP connection
 * @param socketTimeout waiting for bytes on an open connection
 */
public record ClientTimeouts(
        Duration apiCallTimeout, Duration apiCallAttemptTimeout, Duration connectionTimeout, Duration socketTimeout) {

    /**
     * 5 s per call, 2 s per attempt, 1 s to connect, 2 s between bytes: a DynamoDB or SQS call in
     * the same region answers in milliseconds, so an attempt that has not answered in 2 s is stuck and
     * is better retried; 5 s bounds all retries so a stuck dependency fails inside the
     * function's own timeout (answered as a 503 SERVICE_UNAVAILABLE with a request id, not a Lambda timeout; ADR 0156).
     */
    public static final ClientTimeouts DEFAULT = new ClientTimeouts(
            Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2));

    /** Validates that every limit is positive and an attempt fits in a call. */
    public ClientTimeouts {
        requirePositive(apiCallTimeout, "apiCallTimeout");
        requirePositive(apiCallAttemptTimeout, "apiCallAttemptTimeout");
        requirePositive(connectionTimeout, "connectionTimeout");
        requirePositive(socketTimeout, "socketTimeout");
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("apiCallAttemptTimeout must not exceed apiCallTimeout");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
