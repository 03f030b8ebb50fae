package dev.tally.common.store;

import dev.tally.common.domain.Summary;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's summary as the {@code summaries} table holds it.
 *
 * @param userId    the owner
 * @param summary   the totals (per currency, due dates and counterparties included)
 * @param updatedAt when the projection last changed it
 */
public record StoredSummary(String userId, Summary summary, Instant updatedAt) {

    public StoredSummary {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
