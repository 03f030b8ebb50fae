package dev.tally.client;

/**
 * The client could not get an answer: the connection failed or timed out on every attempt, a
 * 5xx persisted after the retries, or a command did not reach its outcome before the deadline.
 * A command that failed this way may still be applied; retrying it with the same
 * {@code Idempotency-Key} is safe.
 */
public final class TallyClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TallyClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
