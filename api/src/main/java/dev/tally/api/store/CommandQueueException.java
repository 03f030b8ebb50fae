package dev.tally.api.store;

/**
 * The commands queue did not take a message. The command's {@code ACCEPTED} record stays, so the
 * client's retry with the same {@code Idempotency-Key} sends it again.
 */
public final class CommandQueueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The send of one command failed; the cause stays for the logs' exception class only. */
    public CommandQueueException(String commandId, Throwable cause) {
        super("sending command " + commandId + " to the commands queue failed", cause);
    }
}
