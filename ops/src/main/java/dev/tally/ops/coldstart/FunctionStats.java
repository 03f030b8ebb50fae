package dev.tally.ops.coldstart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The numbers of one function version.
 *
 * @param function        the function
 * @param version         the version
 * @param invocations     how many invocations
 * @param coldStarts      how many of them were cold (init or SnapStart restore)
 * @param init            Init Duration of the cold starts that initialised
 * @param restore         Restore Duration of the SnapStart restores
 * @param coldDuration    Duration of cold invocations
 * @param warmDuration    Duration of warm invocations
 * @param maxMemoryUsedMb the largest Max Memory Used; null when the source does not carry it
 * @param breakdown       the median time per named subsegment under Initialization/Restore, any depth
 * @param initSamplesMs   every Init Duration, in time order (what {@code compare} resamples)
 * @param restoreSamplesMs every Restore Duration, in time order
 * @param coldStartTimes  epoch milliseconds of each cold start (the over-time chart)
 */
public record FunctionStats(
        String function,
        String version,
        int invocations,
        int coldStarts,
        Summary init,
        Summary restore,
        Summary coldDuration,
        Summary warmDuration,
        Long maxMemoryUsedMb,
        List<Phase> breakdown,
        List<Double> initSamplesMs,
        List<Double> restoreSamplesMs,
        List<Long> coldStartTimes) {

    public FunctionStats {
        Objects.requireNonNull(function, "function");
        breakdown = List.copyOf(breakdown);
        initSamplesMs = List.copyOf(initSamplesMs);
        restoreSamplesMs = List.copyOf(restoreSamplesMs);
        coldStartTimes = List.copyOf(coldStartTimes);
    }

    /**
     * One named subsegment of the init breakdown.
     *
     * @param path     names from Initialization/Restore down, joined with {@code " > "}
     * @param depth    1 for a direct child of Initialization/Restore
     * @param count    how many times it was seen
     * @param medianMs its median duration
     */
    public record Phase(String path, int depth, int count, double medianMs) {}

    /** The share of invocations that were cold, 0 when there were none. */
    public double coldRatio() {
        return invocations == 0 ? 0 : (double) coldStarts / invocations;
    }

    /** Per function and version, sorted by function then version. */
    public static List<FunctionStats> of(ColdStartData data) {
        Map<String, Map<String, List<Invocation>>> grouped = data.invocations().stream()
                .collect(Collectors.groupingBy(
                        Invocation::functionName,
                        TreeMap::new,
                        Collectors.groupingBy(Invocation::version, TreeMap::new, Collectors.toList())));
        Map<String, Map<String, List<InitPhase>>> phases = data.initPhases().stream()
                .collect(Collectors.groupingBy(InitPhase::functionName, Collectors.groupingBy(InitPhase::version)));
        List<FunctionStats> stats = new ArrayList<>();
        grouped.forEach((function, versions) -> versions.forEach((version, invocations) -> stats.add(of(
                function,
                version,
                invocations,
                phases.getOrDefault(function, Map.of()).getOrDefault(version, List.of())))));
        return stats;
    }

    private static FunctionStats of(String function, String version, List<Invocation> all, List<InitPhase> phases) {
        List<Invocation> invocations = all.stream()
                .sorted(Comparator.comparingLong(Invocation::timestampMs))
                .toList();
        List<Invocation> cold =
                invocations.stream().filter(Invocation::coldStart).toList();
        List<Double> init = cold.stream()
                .map(Invocation::initDurationMs)
                .filter(Objects::nonNull)
                .toList();
        List<Double> restore = cold.stream()
                .map(Invocation::restoreDurationMs)
                .filter(Objects::nonNull)
                .toList();
        List<Double> coldDurations = cold.stream().map(Invocation::durationMs).toList();
        List<Double> warmDurations = invocations.stream()
                .filter(invocation -> !invocation.coldStart())
                .map(Invocation::durationMs)
                .toList();
        Long memory = invocations.stream()
                .map(Invocation::maxMemoryUsedMb)
                .filter(Objects::nonNull)
                .max(Long::compare)
                .orElse(null);
        Map<String, List<Double>> byPath = phases.stream()
                .collect(Collectors.groupingBy(
                        InitPhase::path, TreeMap::new, Collectors.mapping(InitPhase::durationMs, Collectors.toList())));
        List<Phase> breakdown = new ArrayList<>();
        byPath.forEach((path, durations) -> breakdown.add(new Phase(
                path,
                path.split(InitPhase.SEPARATOR, -1).length - 1,
                durations.size(),
                Percentiles.of(durations, 50).orElseThrow())));
        return new FunctionStats(
                function,
                version,
                invocations.size(),
                cold.size(),
                Summary.of(init),
                Summary.of(restore),
                Summary.of(coldDurations),
                Summary.of(warmDurations),
                memory,
                breakdown,
                init,
                restore,
                cold.stream().map(Invocation::timestampMs).toList());
    }
}
