package dev.tally.ops.coldstart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one source gave: the invocations, the init breakdown, what could not be read (counted by
 * kind, shown in every format, never dropped silently) and notes about the source (e.g. that X-Ray
 * is sampled).
 *
 * @param source      {@code local}, {@code xray} or {@code logs}
 * @param invocations every readable invocation in the selection
 * @param initPhases  the subsegments under Initialization/Restore, any depth
 * @param unreadable  counts of what could not be read, by what it was (e.g. {@code REPORT lines})
 * @param notes       what the reader should know about the source
 */
public record ColdStartData(
        String source,
        List<Invocation> invocations,
        List<InitPhase> initPhases,
        Map<String, Integer> unreadable,
        List<String> notes) {

    public ColdStartData {
        invocations = List.copyOf(invocations);
        initPhases = List.copyOf(initPhases);
        unreadable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
        notes = List.copyOf(notes);
    }

    /** The part of this data that {@code selection} covers (phases follow their function and version). */
    public ColdStartData select(Selection selection) {
        return new ColdStartData(
                source,
                invocations.stream().filter(selection::includes).toList(),
                initPhases.stream().filter(selection::includes).toList(),
                unreadable,
                notes);
    }

    /** The total of unreadable items. */
    public int unreadableCount() {
        return unreadable.values().stream().mapToInt(Integer::intValue).sum();
    }
}
