package dev.tally.common.store;

/**
 * The encoding of a summary's {@code debtVersions} entries: a positive {@code v} means "version
 * {@code v} of the debt is accounted for", a negative {@code -v} means "the debt was removed after
 * version {@code v}" (a tombstone). They are ordered as (version, removed): version {@code v} comes
 * before its removal, which comes before version {@code v + 1}. {@link #REMOVED} is a tombstone
 * after every version, for a debt whose last version is not known (a rebuild found it gone).
 */
public final class AppliedVersions {

    /** The tombstone of a debt removed at an unknown version: covers every change of it. */
    public static final long REMOVED = -Long.MAX_VALUE;

    private AppliedVersions() {}

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
        if (stored == null) {
            return false;
        }
        long version = Math.abs(marker);
        long storedVersion = Math.abs(stored);
        return version < storedVersion || version == storedVersion && (!isRemoval(marker) || isRemoval(stored));
    }

    private static void requirePositive(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("a debt version is at least 1, was " + version);
        }
    }
}
