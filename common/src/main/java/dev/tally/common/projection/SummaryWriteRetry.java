package dev.tally.common.projection;

import dev.tally.common.store.ConditionalRetry;

/**
 * The one retry budget of a summary's revision-conditioned write, shared by the stream projector and
 * the {@link SummaryRebuilder} (they race each other on the same item).
 */
public final class SummaryWriteRetry {

    /** Conditional-write attempts per user before giving up. */
    public static final int MAX_ATTEMPTS = 5;

    private SummaryWriteRetry() {}

    /**
     * Runs {@code attempt} on {@code userId}'s summary until it returns a result.
     *
     * @throws ConcurrentSummaryChangeException after {@link #MAX_ATTEMPTS} lost races
     */
    public static <T> T untilWritten(String userId, ConditionalRetry.Attempt<T> attempt) {
        return ConditionalRetry.untilWritten(
                MAX_ATTEMPTS, attempt, attempts -> new ConcurrentSummaryChangeException(userId, attempts));
    }
}
