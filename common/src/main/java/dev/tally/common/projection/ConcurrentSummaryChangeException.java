package dev.tally.common.projection;

/** Thrown when a user's summary kept changing under the projector through every attempt to write it. */
public final class ConcurrentSummaryChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** For {@code userId}, after {@code attempts} conditional writes that all lost the race. */
    public ConcurrentSummaryChangeException(String userId, int attempts) {
        super("the summary of user " + userId + " changed concurrently during " + attempts
                + " attempts to write it; the records will be redelivered");
    }
}
