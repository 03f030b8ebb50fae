package dev.tally.common.store;

import dev.tally.common.domain.Summary;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One user's item of the {@code summaries} table: the projected {@link Summary} plus the bookkeeping
 * that makes the projection idempotent (see {@code docs/adr/0070-summary-projection-idempotency.md}).
 *
 * @param userId       the owner (the table's key)
 * @param summary      the user's totals; overdue counts are derived at read time from its due dates
 * @param debtVersions debt id → the last debt version the projection has taken into account; a
 *                     negative value {@code -v} marks a debt removed from the debts table after version
 *                     {@code v} (a tombstone, so a replayed older record cannot bring it back)
 * @param revision     the item's own version, 1 at the first write, +1 per write (optimistic concurrency)
 * @param updatedAt    when the projection last wrote the item
 * @param counterpartiesOmitted true once the item was too large for its size budget and was written
 *                     without the per-counterparty balances (see
 *                     {@code docs/adr/0147-bounded-summary-item.md}); then {@code summary}'s counterparty
 *                     maps are partial and not shown, its totals stay exact. Sticky until a rebuild fits.
 */
public record StoredSummary(
        String userId,
        Summary summary,
        Map<String, Long> debtVersions,
        long revision,
        Instant updatedAt,
        boolean counterpartiesOmitted) {

    /** A summary with its counterparty balances. */
    public StoredSummary(
            String userId, Summary summary, Map<String, Long> debtVersions, long revision, Instant updatedAt) {
        this(userId, summary, debtVersions, revision, updatedAt, false);
    }

    public StoredSummary {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(updatedAt, "updatedAt");
        debtVersions = Map.copyOf(debtVersions);
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1, was " + revision);
        }
        if (debtVersions.containsValue(0L)) {
            throw new IllegalArgumentException("a debt version is never 0");
        }
    }

    /** The summary as it may be shown: without the (partial) counterparty balances when they were omitted. */
    public Summary visibleSummary() {
        return counterpartiesOmitted ? summary.withoutCounterparties() : summary;
    }
}
