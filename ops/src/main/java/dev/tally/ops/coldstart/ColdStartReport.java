package dev.tally.ops.coldstart;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cold-start report: the numbers per function version over a window, from one source, with
 * what could not be read and what to know about the source. The JSON form is what {@code compare}
 * reads.
 *
 * @param source     {@code local}, {@code xray} or {@code logs}
 * @param start      the window's start
 * @param end        the window's end
 * @param functions  per function and version
 * @param unreadable counts of what could not be read, by kind
 * @param notes      what the reader should know about the source
 */
public record ColdStartReport(
        String source,
        Instant start,
        Instant end,
        List<FunctionStats> functions,
        Map<String, Integer> unreadable,
        List<String> notes) {

    public ColdStartReport {
        functions = List.copyOf(functions);
        unreadable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
        notes = List.copyOf(notes);
    }

    /** The report of {@code data} (already selected) over the window of {@code selection}. */
    public static ColdStartReport of(ColdStartData data, Selection selection) {
        Instant start = selection.start();
        Instant end = selection.end();
        if (start.equals(Selection.everything().start()) && !data.invocations().isEmpty()) {
            // No window asked for: the report covers the data, from its first invocation to its last.
            start = Instant.ofEpochMilli(data.invocations().stream()
                    .mapToLong(Invocation::timestampMs)
                    .min()
                    .orElseThrow());
            end = Instant.ofEpochMilli(data.invocations().stream()
                            .mapToLong(Invocation::timestampMs)
                            .max()
                            .orElseThrow()
                    + 1);
        }
        return new ColdStartReport(data.source(), start, end, FunctionStats.of(data), data.unreadable(), data.notes());
    }

    /** The total of unreadable items. */
    @JsonProperty("unreadableTotal")
    public int unreadableTotal() {
        return unreadable.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line saying what was not counted, or null when everything was read. */
    public String unreadableLine() {
        if (unreadableTotal() == 0) {
            return null;
        }
        StringBuilder line = new StringBuilder("Not counted:");
        String separator = " ";
        for (Map.Entry<String, Integer> entry : unreadable.entrySet()) {
            if (entry.getValue() > 0) {
                line.append(separator)
                        .append(entry.getValue())
                        .append(" unreadable ")
                        .append(entry.getKey());
                separator = ", ";
            }
        }
        return line.append('.').toString();
    }
}
