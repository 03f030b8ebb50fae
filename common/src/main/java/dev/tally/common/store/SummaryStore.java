package dev.tally.common.store;

import java.util.Optional;

/** Where the per-user summaries live (the {@code summaries} table, or memory in tests). */
public interface SummaryStore {

    /** The user's summary as last written (a strongly consistent read), if any. */
    Optional<StoredSummary> find(String userId);

    /**
     * Writes {@code summary} if the stored one is still the one it was derived from: no summary when
     * its revision is 1, otherwise revision {@code summary.revision() − 1}.
     *
     * @return false if another writer got there first (re-read and fold again)
     */
    boolean save(StoredSummary summary);
}
