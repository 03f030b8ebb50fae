package dev.tally.ops.coldstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML file: the markdown table's numbers as an HTML table, and
 * three inline-SVG charts — a histogram of init (and restore) times per function, a stacked bar of
 * the init breakdown, and cold starts over time. No scripts, external styles or fonts: it opens
 * offline.
 */
final class HtmlReport {

    private static final String[] COLOURS = {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"
    };
    private static final int BINS = 12;

    private HtmlReport() {}

    static String render(ColdStartReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Tally cold starts (")
                .append(escape(report.source()))
                .append(")</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px}")
                .append(
                        "td.n{text-align:right}h2{margin-top:1.6em}svg{background:#fafafa;border:1px solid #ddd;margin:4px}")
                .append(".note{color:#555}\n</style></head><body>\n");
        html.append("<h1>Cold starts</h1>\n<p>Source: <b>")
                .append(escape(report.source()))
                .append("</b>, ")
                .append(report.start())
                .append(" – ")
                .append(report.end())
                .append(". Times in milliseconds.</p>\n");
        report.notes()
                .forEach(note ->
                        html.append("<p class=\"note\">").append(escape(note)).append(".</p>\n"));
        if (report.unreadableLine() != null) {
            html.append("<p class=\"note\"><b>")
                    .append(escape(report.unreadableLine()))
                    .append("</b></p>\n");
        }
        table(html, report);
        html.append("<h2>Init time per function</h2>\n");
        report.functions().forEach(stats -> histogram(html, stats));
        html.append("<h2>Init breakdown (median ms)</h2>\n");
        breakdown(html, report);
        html.append("<h2>Cold starts over time</h2>\n");
        overTime(html, report);
        return html.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder html, ColdStartReport report) {
        html.append("<table><tr><th>function</th><th>version</th><th>invocations</th><th>cold</th><th>cold %</th>"
                + "<th>init p50</th><th>init p90</th><th>init p99</th><th>init max</th><th>restore p50</th>"
                + "<th>restore p90</th><th>cold dur p50</th><th>warm dur p50</th><th>max mem MB</th></tr>\n");
        for (FunctionStats stats : report.functions()) {
            html.append("<tr><td>")
                    .append(escape(stats.function()))
                    .append("</td><td>")
                    .append(escape(stats.version()))
                    .append("</td>");
            List<String> numbers = List.of(
                    Integer.toString(stats.invocations()),
                    Integer.toString(stats.coldStarts()),
                    String.format(Locale.ROOT, "%.1f", 100 * stats.coldRatio()),
                    TextFormats.oneDecimal(stats.init().p50()),
                    TextFormats.oneDecimal(stats.init().p90()),
                    TextFormats.oneDecimal(stats.init().p99()),
                    TextFormats.oneDecimal(stats.init().max()),
                    TextFormats.oneDecimal(stats.restore().p50()),
                    TextFormats.oneDecimal(stats.restore().p90()),
                    TextFormats.oneDecimal(stats.coldDuration().p50()),
                    TextFormats.oneDecimal(stats.warmDuration().p50()),
                    stats.maxMemoryUsedMb() == null
                            ? "–"
                            : stats.maxMemoryUsedMb().toString());
            numbers.forEach(
                    number -> html.append("<td class=\"n\">").append(number).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void histogram(StringBuilder html, FunctionStats stats) {
        List<Double> samples = new ArrayList<>(stats.initSamplesMs());
        samples.addAll(stats.restoreSamplesMs());
        int width = 360;
        int height = 180;
        html.append("<svg width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-label=\"init histogram ")
                .append(escape(stats.function()))
                .append("\">")
                .append(text(8, 16, stats.function() + " " + stats.version() + " (n=" + samples.size() + ")", "start"));
        if (samples.isEmpty()) {
            html.append(text(width / 2, height / 2, "no cold starts", "middle")).append("</svg>\n");
            return;
        }
        double min = samples.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = samples.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double span = Math.max(max - min, 1e-9);
        int[] counts = new int[BINS];
        samples.forEach(value -> counts[Math.min(BINS - 1, (int) ((value - min) / span * BINS))]++);
        int highest = java.util.Arrays.stream(counts).max().orElse(1);
        int left = 30;
        int bottom = height - 24;
        double barWidth = (width - left - 10.0) / BINS;
        for (int bin = 0; bin < BINS; bin++) {
            double barHeight = (bottom - 30.0) * counts[bin] / highest;
            html.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%d</title></rect>",
                    left + bin * barWidth,
                    bottom - barHeight,
                    barWidth - 1,
                    barHeight,
                    COLOURS[0],
                    counts[bin]));
        }
        html.append(line(left, bottom, width - 10, bottom))
                .append(line(left, 30, left, bottom))
                .append(text(left, height - 8, TextFormats.oneDecimal(min) + " ms", "start"))
                .append(text(width - 10, height - 8, TextFormats.oneDecimal(max) + " ms", "end"))
                .append(text(left - 4, 36, Integer.toString(highest), "end"))
                .append("</svg>\n");
    }

    private static void breakdown(StringBuilder html, ColdStartReport report) {
        List<FunctionStats> withBreakdown = report.functions().stream()
                .filter(stats -> !stats.breakdown().isEmpty())
                .toList();
        if (withBreakdown.isEmpty()) {
            html.append("<p class=\"note\">No subsegments under Initialization/Restore in this source.</p>\n");
            return;
        }
        List<String> names = withBreakdown.stream()
                .flatMap(stats -> stats.breakdown().stream())
                .filter(phase -> phase.depth() == 1)
                .map(FunctionStats.Phase::path)
                .distinct()
                .sorted()
                .toList();
        double longest = withBreakdown.stream()
                .mapToDouble(stats -> stats.breakdown().stream()
                        .filter(phase -> phase.depth() == 1)
                        .mapToDouble(FunctionStats.Phase::medianMs)
                        .sum())
                .max()
                .orElse(1);
        int label = 20
                + 7
                        * withBreakdown.stream()
                                .mapToInt(stats -> (stats.function() + " " + stats.version()).length())
                                .max()
                                .orElse(20);
        int width = label + 600;
        int rowHeight = 26;
        int height = 20 + rowHeight * withBreakdown.size() + 22 * names.size();
        html.append("<svg width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-label=\"init breakdown\">");
        int y = 10;
        for (FunctionStats stats : withBreakdown) {
            html.append(text(label - 6, y + 16, stats.function() + " " + stats.version(), "end"));
            double x = label;
            for (FunctionStats.Phase phase : stats.breakdown()) {
                if (phase.depth() != 1) {
                    continue;
                }
                double barWidth = (width - label - 20) * phase.medianMs() / Math.max(longest, 1e-9);
                html.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                                + "<title>%s: %s ms</title></rect>",
                        x,
                        y,
                        barWidth,
                        rowHeight - 6,
                        COLOURS[names.indexOf(phase.path()) % COLOURS.length],
                        escape(phase.path()),
                        TextFormats.oneDecimal(phase.medianMs())));
                x += barWidth;
            }
            y += rowHeight;
        }
        for (int i = 0; i < names.size(); i++) {
            html.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    label,
                    y + 6 + 22 * i,
                    COLOURS[i % COLOURS.length]));
            html.append(text(label + 18, y + 17 + 22 * i, names.get(i), "start"));
        }
        html.append("</svg>\n");
        html.append(
                "<table><tr><th>function</th><th>version</th><th>subsegment</th><th>count</th><th>p50 (ms)</th></tr>\n");
        for (FunctionStats stats : withBreakdown) {
            for (FunctionStats.Phase phase : stats.breakdown()) {
                String name = phase.path()
                        .substring(phase.path().lastIndexOf(InitPhase.SEPARATOR) + InitPhase.SEPARATOR.length());
                html.append("<tr><td>")
                        .append(escape(stats.function()))
                        .append("</td><td>")
                        .append(escape(stats.version()))
                        .append("</td><td title=\"")
                        .append(escape(phase.path()))
                        .append("\">")
                        .append("&nbsp;&nbsp;&nbsp;&nbsp;".repeat(phase.depth() - 1))
                        .append(escape(name))
                        .append("</td><td class=\"n\">")
                        .append(phase.count())
                        .append("</td><td class=\"n\">")
                        .append(TextFormats.oneDecimal(phase.medianMs()))
                        .append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private static void overTime(StringBuilder html, ColdStartReport report) {
        long from = report.functions().stream()
                .flatMap(stats -> stats.coldStartTimes().stream())
                .mapToLong(Long::longValue)
                .min()
                .orElse(0);
        long to = report.functions().stream()
                .flatMap(stats -> stats.coldStartTimes().stream())
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
        if (from == 0) {
            html.append("<p class=\"note\">No cold starts in this window.</p>\n");
            return;
        }
        int width = 820;
        int height = 240;
        int left = 40;
        int bottom = height - 30;
        int buckets = 24;
        double span = Math.max(to - from, 1);
        List<int[]> perFunction = new ArrayList<>();
        int highest = 1;
        for (FunctionStats stats : report.functions()) {
            int[] counts = new int[buckets];
            stats.coldStartTimes().forEach(at -> counts[Math.min(buckets - 1, (int) ((at - from) / span * buckets))]++);
            perFunction.add(counts);
            highest = Math.max(highest, java.util.Arrays.stream(counts).max().orElse(0));
        }
        html.append("<svg width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height + 20 * report.functions().size())
                .append("\" role=\"img\" aria-label=\"cold starts over time\">");
        html.append(line(left, bottom, width - 10, bottom))
                .append(line(left, 10, left, bottom))
                .append(text(left - 4, 16, Integer.toString(highest), "end"))
                .append(text(
                        left, bottom + 16, java.time.Instant.ofEpochMilli(from).toString(), "start"))
                .append(text(
                        width - 10,
                        bottom + 16,
                        java.time.Instant.ofEpochMilli(to).toString(),
                        "end"));
        double step = (width - left - 10.0) / buckets;
        for (int f = 0; f < perFunction.size(); f++) {
            StringBuilder points = new StringBuilder();
            for (int bucket = 0; bucket < buckets; bucket++) {
                points.append(String.format(
                        Locale.ROOT,
                        "%.1f,%.1f ",
                        left + (bucket + 0.5) * step,
                        bottom - (bottom - 14.0) * perFunction.get(f)[bucket] / highest));
            }
            String colour = COLOURS[f % COLOURS.length];
            html.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(colour)
                    .append("\" points=\"")
                    .append(points.toString().trim())
                    .append("\"/>");
            FunctionStats stats = report.functions().get(f);
            html.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    left,
                    height + 20 * f - 4,
                    colour));
            html.append(text(
                    left + 18,
                    height + 20 * f + 7,
                    stats.function() + " " + stats.version() + ": " + stats.coldStarts() + " cold start(s)",
                    "start"));
        }
        html.append("</svg>\n");
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"#888\"/>";
    }

    private static String text(int x, int y, String content, String anchor) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"12\" text-anchor=\"" + anchor + "\">"
                + escape(content) + "</text>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
