package dev.tally.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts labelled cases across the tries of a property and checks afterwards that each expected
 * case happened at least once, so a generator that stops reaching a case fails the build instead
 * of silently testing less. Not checked when replaying one seed.
 */
public final class Coverage {

    private final Map<String, Integer> counts = new TreeMap<>();

    /** Counts one occurrence of {@code label}. */
    public void collect(String label) {
        counts.merge(label, 1, Integer::sum);
    }

    /** How often {@code label} was collected. */
    public int count(String label) {
        return counts.getOrDefault(label, 0);
    }

    /** Fails unless every one of {@code labels} was collected at least once (skipped when replaying). */
    public void assertEachSeen(Collection<String> labels) {
        if (PropertyCheck.replaying()) {
            return;
        }
        List<String> missing =
                labels.stream().filter(label -> count(label) == 0).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("the generated samples never reached " + missing + " (seen: " + counts + ")");
        }
    }
}
