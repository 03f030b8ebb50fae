package dev.tally.projections.store;

import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SummaryStore} in memory with the same conditional-write contract as the DynamoDB adapter
 * (revision 1 only when absent, otherwise exactly one above the stored revision). For unit and
 * property tests.
 */
public final class InMemorySummaryStore implements SummaryStore {

    private final Map<String, StoredSummary> items = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    @Override
    public Optional<StoredSummary> find(String userId) {
        return Optional.ofNullable(items.get(userId));
    }

    @Override
    public synchronized boolean save(StoredSummary summary) {
        StoredSummary current = items.get(summary.userId());
        long expected = current == null ? 0 : current.revision();
        if (summary.revision() != expected + 1) {
            return false;
        }
        items.put(summary.userId(), summary);
        writes.incrementAndGet();
        return true;
    }

    /** Every stored summary by user. */
    public Map<String, StoredSummary> all() {
        return Map.copyOf(items);
    }

    /** Successful writes so far. */
    public int writes() {
        return writes.get();
    }
}
