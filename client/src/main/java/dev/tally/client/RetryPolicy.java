package dev.tally.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a request is retried after a timeout, a failed connection or a 5xx answer: up to
 * {@code maxAttempts} attempts, waiting an exponentially growing, jittered delay between them.
 * Only requests that are safe to repeat are retried: reads, login, and commands (which always
 * carry an {@code Idempotency-Key}); registration is not.
 *
 * @param maxAttempts  attempts in all, at least 1
 * @param firstBackoff the wait before the second attempt
 * @param maxBackoff   the longest wait between attempts
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    /** Four attempts, waiting about 200 ms, 400 ms, 800 ms. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(2));

    /** One attempt: no retries. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= firstBackoff <= maxBackoff");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based): full jitter over the exponential delay. */
    Duration backoff(int attempt) {
        long ceiling = Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(attempt - 1, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(
                half + (ceiling - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling - half + 1)));
    }
}
