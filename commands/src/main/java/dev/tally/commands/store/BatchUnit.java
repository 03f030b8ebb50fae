package dev.tally.commands.store;

/**
 * One SQS batch's debts and command statuses, read together at the start and written together at the
 * end: the {@link dev.tally.commands.CommandApplier} decides every command of the batch against it as
 * against the tables, and {@link #commit()} writes everything it recorded at once, or nothing.
 *
 * <p>Reads answer from what the unit read at its start plus what it recorded since; writes are checked
 * against that view (a save whose previous version is not the view's is refused, an outcome already
 * recorded is not recorded again) and kept until the commit. See
 * {@code docs/adr/0117-worker-batch-in-one-transaction.md}.
 */
public interface BatchUnit extends DebtStore, CommandStatusStore {

    /**
     * Writes every debt saved and every outcome recorded, conditioned on the tables still holding what
     * the unit read; throws an unchecked exception if it did not write them all (it then wrote none).
     */
    void commit();
}
