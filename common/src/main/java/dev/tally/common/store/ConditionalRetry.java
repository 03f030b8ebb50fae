package dev.tally.common.store;

import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The loop of an optimistic writer: an attempt reads, decides and writes on a condition (a version or
 * a revision); when the condition fails because someone wrote in between, the attempt runs again on
 * what is there now, up to a budget, and then the writer gives up with its own exception (the message
 * or the stream record is retried later). Used by the worker's {@code CommandApplier}, the projection's
 * {@code SummaryProjector} and the {@code SummaryRebuilder}.
 */
public final class ConditionalRetry {

    /**
     * One read-decide-write attempt.
     *
     * @param <T> what the writer returns when it is done
     */
    @FunctionalInterface
    public interface Attempt<T> {

        /**
         * Runs attempt number {@code attempt} (from 1).
         *
         * @return the result once written, or once there is nothing to write; empty when the conditional
         *     write lost the race and the attempt must run again
         */
        Optional<T> run(int attempt);
    }

    private ConditionalRetry() {}

    /**
     * Runs {@code attempt} until it returns a result, at most {@code maxAttempts} times.
     *
     * @param exhausted the exception to throw after {@code maxAttempts} lost races, given that number
     */
    public static <T> T untilWritten(
            int maxAttempts, Attempt<T> attempt, IntFunction<? extends RuntimeException> exhausted) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
        }
        for (int number = 1; number <= maxAttempts; number++) {
            Optional<T> result = attempt.run(number);
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw exhausted.apply(maxAttempts);
    }
}
