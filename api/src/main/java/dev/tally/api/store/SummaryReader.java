package dev.tally.api.store;

import dev.tally.common.store.StoredSummary;
import java.util.Optional;

/** The summaries table as {@code GET /summary} reads it. */
public interface SummaryReader {

    /** The user's summary, if the projection has written one. */
    Optional<StoredSummary> find(String userId);
}
