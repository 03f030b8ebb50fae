package dev.tally.common.store;

/**
 * One stream batch's summaries, read together at its start and written together at its end: the
 * projector folds the batch against it as against the table, and {@link #commit()} writes every
 * summary it saved at once, or none (ADR 0118).
 */
public interface SummaryBatchUnit extends SummaryStore {

    /**
     * Writes every saved summary, each conditioned on the revision the unit read; throws an unchecked
     * exception if it did not write them all (it then wrote none).
     */
    void commit();
}
