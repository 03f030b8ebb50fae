package dev.tally.common.observability;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Knows whether this invocation is the first one this JVM serves. After a SnapStart restore, call
 * {@link #reset()} from the CRaC {@code afterRestore} hook so the first restored invocation is
 * reported as a cold start too.
 */
public final class ColdStart {

    private static final AtomicBoolean FIRST = new AtomicBoolean(true);

    private ColdStart() {}

    /** True exactly once per JVM (or per restore): for the first caller. */
    public static boolean consume() {
        return FIRST.getAndSet(false);
    }

    /** Marks the next invocation as cold again (after a snapshot restore). */
    public static void reset() {
        FIRST.set(true);
    }
}
