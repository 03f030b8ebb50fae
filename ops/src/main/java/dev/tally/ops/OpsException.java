package dev.tally.ops;

/** A problem the operator can fix (missing configuration, unreadable input), printed without a stack trace. */
public final class OpsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message that says what is wrong and how to fix it. */
    public OpsException(String message) {
        super(message);
    }

    /** With a message that says what is wrong and how to fix it, and its cause (not printed). */
    public OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
