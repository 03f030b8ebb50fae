package dev.tally.projections.store;

import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import java.util.Optional;

/** Wraps a store and makes chosen calls fail as an infrastructure fault would (throttling, timeout). */
public final class FaultySummaryStore implements SummaryStore {

    private final SummaryStore delegate;
    private int calls;
    private int failAtCall = -1;

    /** Wraps {@code delegate}; nothing fails until {@link #failAtCall} is set. */
    public FaultySummaryStore(SummaryStore delegate) {
        this.delegate = delegate;
    }

    /** Makes the {@code n}-th call from now (0 = the next one, counting finds and saves) throw. */
    public void failAtCall(int n) {
        failAtCall = calls + n;
    }

    /** Makes no further call fail. */
    public void disarm() {
        failAtCall = -1;
    }

    @Override
    public Optional<StoredSummary> find(String userId) {
        maybeFail();
        return delegate.find(userId);
    }

    @Override
    public boolean save(StoredSummary summary) {
        maybeFail();
        return delegate.save(summary);
    }

    private void maybeFail() {
        if (calls++ == failAtCall && failAtCall >= 0) {
            throw new IllegalStateException("injected store failure");
        }
    }
}
