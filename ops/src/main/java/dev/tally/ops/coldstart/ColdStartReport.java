package dev.tally.ops.coldstart;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cold-start report as markdown: per function, cold and warm invocation counts, Init Duration
 * p50/p90/max, Duration p50/p90 of cold and of warm invocations; then the init breakdown (the
 * subsegments under {@code Initialization}) when the segments have one. Times in milliseconds,
 * nearest-rank percentiles ({@link Percentiles}); "–" where there is no value.
 */
public final class ColdStartReport {

    private ColdStartReport() {
    }

    /** The markdown for {@code data}. */
    public static String markdown(ColdStartData data) {
        StringBuilder out = new StringBuilder();
        out.append("| function | cold | warm | init p50 (ms) | init p90 (ms) | init max (ms) "
                + "| cold duration p50 (ms) | cold duration p90 (ms) | warm duration p50 (ms) | warm duration p90 (ms) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Invocation>> byFunction = data.invocations().stream()
                .collect(Collectors.groupingBy(Invocation::functionName, TreeMap::new, Collectors.toList()));
        byFunction.forEach((function, invocations) -> {
            List<Double> init = invocations.stream().filter(Invocation::coldStart).map(Invocation::initDurationMs).toList();
            List<Double> cold = durations(invocations, true);
            List<Double> warm = durations(invocations, false);
            out.append("| ").append(function)
                    .append(" | ").append(cold.size())
                    .append(" | ").append(warm.size())
                    .append(" | ").append(format(Percentiles.of(init, 50)))
                    .append(" | ").append(format(Percentiles.of(init, 90)))
                    .append(" | ").append(format(Percentiles.of(init, 100)))
                    .append(" | ").append(format(Percentiles.of(cold, 50)))
                    .append(" | ").append(format(Percentiles.of(cold, 90)))
                    .append(" | ").append(format(Percentiles.of(warm, 50)))
                    .append(" | ").append(format(Percentiles.of(warm, 90)))
                    .append(" |\n");
        });
        appendBreakdown(out, data.initPhases());
        if (data.unreadableReportLines() > 0 || data.unreadableTraceLines() > 0) {
            out.append("\nNot counted: ").append(data.unreadableReportLines()).append(" unreadable REPORT line(s), ")
                    .append(data.unreadableTraceLines()).append(" unreadable trace line(s).\n");
        }
        return out.toString();
    }

    private static void appendBreakdown(StringBuilder out, List<InitPhase> phases) {
        if (phases.isEmpty()) {
            out.append("\nNo init breakdown: the stored X-Ray segments have no subsegments under Initialization.\n");
            return;
        }
        out.append("\n### Init breakdown (subsegments of Initialization)\n\n");
        out.append("| function | phase | count | p50 (ms) | p90 (ms) | max (ms) |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        Map<String, Map<String, List<Double>>> grouped = phases.stream().collect(Collectors.groupingBy(
                InitPhase::functionName, TreeMap::new, Collectors.groupingBy(InitPhase::name, TreeMap::new,
                        Collectors.mapping(InitPhase::durationMs, Collectors.toList()))));
        grouped.forEach((function, byPhase) -> byPhase.forEach((phase, durations) -> out.append("| ").append(function)
                .append(" | ").append(phase)
                .append(" | ").append(durations.size())
                .append(" | ").append(format(Percentiles.of(durations, 50)))
                .append(" | ").append(format(Percentiles.of(durations, 90)))
                .append(" | ").append(format(Percentiles.of(durations, 100)))
                .append(" |\n")));
    }

    private static List<Double> durations(List<Invocation> invocations, boolean cold) {
        return invocations.stream().filter(invocation -> invocation.coldStart() == cold).map(Invocation::durationMs).toList();
    }

    private static String format(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "–";
    }
}
