package dev.tally.events.command;

/**
 * A command on one debt: the payload of a {@link CommandEnvelope}. Imperative, and decided by the
 * domain's {@code DebtDecider} against the current state of the debt.
 */
public sealed interface DebtCommand permits CreateDebt, UpdateDebt, RecordPayment, SettleDebt, CancelDebt {

    /** The debt this command acts on. */
    String debtId();

    /** The kind of command (the envelope's {@code type}). */
    CommandType type();
}
