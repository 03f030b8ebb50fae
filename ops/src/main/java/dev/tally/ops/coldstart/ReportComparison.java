package dev.tally.ops.coldstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@code coldstart compare}: per function version present in both reports, the change of the init
 * p50 and p90 (Init Duration; Restore Duration for SnapStart functions without inits), with a 95%
 * bootstrap confidence interval of each change (both samples resampled with replacement, a fixed
 * seed so the same inputs give the same output). A function regressed when a change is above the
 * threshold and its interval lies above zero: slower beyond the threshold, and not by chance.
 */
final class ReportComparison {

    static final int RESAMPLES = 2000;
    private static final long SEED = 20261204L;

    private ReportComparison() {}

    /**
     * One percentile's change.
     *
     * @param percentile 50 or 90
     * @param baseline   the baseline's value
     * @param candidate  the candidate's value
     * @param changePct  (candidate − baseline) / baseline, in percent
     * @param lowPct     the interval's low end, in percent
     * @param highPct    the interval's high end, in percent
     */
    record Change(int percentile, double baseline, double candidate, double changePct, double lowPct, double highPct) {}

    /**
     * One function version's verdict.
     *
     * @param key       {@code function version}
     * @param metric    {@code init} or {@code restore}
     * @param changes   the p50 and p90 changes; empty when either side has no samples
     * @param regressed whether it regressed past the threshold
     * @param remark    why there is no verdict, else empty
     */
    record Verdict(String key, String metric, List<Change> changes, boolean regressed, String remark) {}

    static List<Verdict> compare(ColdStartReport baseline, ColdStartReport candidate, double thresholdPct) {
        Map<String, FunctionStats> before = byKey(baseline);
        Map<String, FunctionStats> after = byKey(candidate);
        List<Verdict> verdicts = new ArrayList<>();
        Random random = new Random(SEED);
        TreeMap<String, Boolean> keys = new TreeMap<>();
        before.keySet().forEach(key -> keys.put(key, true));
        after.keySet().forEach(key -> keys.put(key, true));
        for (String key : keys.keySet()) {
            FunctionStats old = before.get(key);
            FunctionStats now = after.get(key);
            if (old == null || now == null) {
                verdicts.add(new Verdict(
                        key, "init", List.of(), false, old == null ? "only in the candidate" : "only in the baseline"));
                continue;
            }
            boolean restore =
                    old.initSamplesMs().isEmpty() && now.initSamplesMs().isEmpty();
            List<Double> a = restore ? old.restoreSamplesMs() : old.initSamplesMs();
            List<Double> b = restore ? now.restoreSamplesMs() : now.initSamplesMs();
            String metric = restore ? "restore" : "init";
            if (a.isEmpty() || b.isEmpty()) {
                verdicts.add(new Verdict(key, metric, List.of(), false, "no cold starts on one side"));
                continue;
            }
            List<Change> changes = List.of(change(50, a, b, random), change(90, a, b, random));
            boolean regressed =
                    changes.stream().anyMatch(change -> change.changePct() > thresholdPct && change.lowPct() > 0);
            verdicts.add(new Verdict(key, metric, changes, regressed, ""));
        }
        return verdicts;
    }

    private static Change change(int percentile, List<Double> baseline, List<Double> candidate, Random random) {
        double before = Percentiles.of(baseline, percentile).orElseThrow();
        double after = Percentiles.of(candidate, percentile).orElseThrow();
        double[] resampled = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            double resampledBefore =
                    Percentiles.of(resample(baseline, random), percentile).orElseThrow();
            double resampledAfter =
                    Percentiles.of(resample(candidate, random), percentile).orElseThrow();
            resampled[i] = percent(resampledBefore, resampledAfter);
        }
        java.util.Arrays.sort(resampled);
        return new Change(
                percentile,
                before,
                after,
                percent(before, after),
                resampled[(int) (0.025 * (RESAMPLES - 1))],
                resampled[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
    }

    private static List<Double> resample(List<Double> values, Random random) {
        List<Double> sample = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            sample.add(values.get(random.nextInt(values.size())));
        }
        return sample;
    }

    private static double percent(double before, double after) {
        return before == 0 ? (after == 0 ? 0 : Double.POSITIVE_INFINITY) : 100.0 * (after - before) / before;
    }

    private static Map<String, FunctionStats> byKey(ColdStartReport report) {
        Map<String, FunctionStats> map = new TreeMap<>();
        report.functions().forEach(stats -> map.put(stats.function() + " " + stats.version(), stats));
        return map;
    }

    static String render(List<Verdict> verdicts, double thresholdPct) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "| function | metric | p50 before → after (ms) | p50 change [95%% CI] | p90 before → after (ms) "
                        + "| p90 change [95%% CI] | verdict (threshold %.1f%%) |%n|---|---|---:|---:|---:|---:|---|%n",
                thresholdPct));
        for (Verdict verdict : verdicts) {
            out.append("| ").append(verdict.key()).append(" | ").append(verdict.metric());
            if (verdict.changes().isEmpty()) {
                out.append(" | – | – | – | – | ").append(verdict.remark()).append(" |\n");
                continue;
            }
            for (Change change : verdict.changes()) {
                out.append(String.format(
                        Locale.ROOT,
                        " | %.1f → %.1f | %+.1f%% [%+.1f%%, %+.1f%%]",
                        change.baseline(),
                        change.candidate(),
                        change.changePct(),
                        change.lowPct(),
                        change.highPct()));
            }
            out.append(" | ").append(verdict.regressed() ? "REGRESSED" : "ok").append(" |\n");
        }
        return out.toString();
    }
}
