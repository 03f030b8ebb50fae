package dev.tally.common.store;

/**
 * The encoding of a summary's {@code debtVersions} entries: a positive {@code v} means "version
 * {@code v} of the debt is accounted for", a negative {@code -v} means "the debt was removed after
 * version {@code v}" (a tombstone). Positions order them: version {@code v} is at {@code 2v}, its
 * removal at {@code 2v + 1}, so a removal comes after every version it followed.
 */
public final class AppliedVersions {

    private AppliedVersions() {
    }

    /** The marker of a debt's version {@code version}. */
    public static long live(long version) {
        requirePositive(version);
        return version;
    }

    /** The marker of a debt removed after version {@code version}. */
    public static long removedAfter(long version) {
        requirePositive(version);
        return -version;
    }

    /** True if {@code marker} marks a removal. */
    public static boolean isRemoval(long marker) {
        return marker < 0;
    }

    /** True if a change at {@code marker} is already accounted for by {@code stored} (null: nothing stored). */
    public static boolean isCoveredBy(long marker, Long stored) {
        return stored != null && position(marker) <= position(stored);
    }

    private static long position(long marker) {
        return marker > 0 ? Math.multiplyExact(marker, 2) : Math.addExact(Math.multiplyExact(-marker, 2), 1);
    }

    private static void requirePositive(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("a debt version is at least 1, was " + version);
        }
    }
}
