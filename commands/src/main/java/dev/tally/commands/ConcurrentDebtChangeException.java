package dev.tally.commands;

/**
 * The debt kept changing between the worker's read and its conditional write. Per-user FIFO ordering
 * makes this rare; the message is retried (an infrastructure fault, not a business rejection).
 */
public final class ConcurrentDebtChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A conflict on the debt {@code debtId} of the command {@code commandId}. */
    public ConcurrentDebtChangeException(String commandId, String debtId, int attempts) {
        super("debt " + debtId + " changed concurrently " + attempts + " times while applying command " + commandId
                + "; the message will be retried");
    }
}
