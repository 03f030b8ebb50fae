package dev.tally.ops.coldstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The report as an aligned text table, as markdown or as CSV. Times in milliseconds with one
 * decimal (CSV: two); "–" (CSV: empty) where there is no value.
 */
final class TextFormats {

    private static final List<String> HEADERS = List.of(
            "function",
            "version",
            "invocations",
            "cold",
            "cold %",
            "init p50",
            "init p90",
            "init p99",
            "init max",
            "restore p50",
            "restore p90",
            "restore p99",
            "restore max",
            "cold dur p50",
            "cold dur p90",
            "cold dur p99",
            "warm dur p50",
            "warm dur p90",
            "warm dur p99",
            "max mem MB");

    private TextFormats() {}

    static String markdown(ColdStartReport report) {
        StringBuilder out = new StringBuilder();
        out.append("## Cold starts (source: ")
                .append(report.source())
                .append(", ")
                .append(report.start())
                .append(" – ")
                .append(report.end())
                .append(", times in ms)\n\n");
        out.append(row(HEADERS, " | ", "| ", " |"));
        out.append(row(
                HEADERS.stream()
                        .map(header -> header.equals("function") || header.equals("version") ? "---" : "---:")
                        .toList(),
                "|",
                "|",
                "|"));
        report.functions().forEach(stats -> out.append(row(cells(stats, TextFormats::oneDecimal), " | ", "| ", " |")));
        breakdown(report).forEach(line -> out.append(line).append('\n'));
        footer(report).forEach(line -> out.append('\n').append(line).append('\n'));
        return out.toString();
    }

    static String table(ColdStartReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        report.functions().forEach(stats -> rows.add(cells(stats, TextFormats::oneDecimal)));
        int[] widths = new int[HEADERS.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder("Cold starts (source: " + report.source() + ", " + report.start() + " – "
                + report.end() + ", times in ms)\n\n");
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                line.append(i < 2 ? cell + padding : padding + cell).append(i < row.size() - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (report.functions().stream().anyMatch(stats -> !stats.breakdown().isEmpty())) {
            out.append("\nInit breakdown (median ms per subsegment under Initialization/Restore)\n");
            report.functions()
                    .forEach(stats -> stats.breakdown()
                            .forEach(phase -> out.append("  ")
                                    .append(stats.function())
                                    .append(' ')
                                    .append(stats.version())
                                    .append("  ")
                                    .append("  ".repeat(phase.depth() - 1))
                                    .append(lastName(phase.path()))
                                    .append("  n=")
                                    .append(phase.count())
                                    .append("  ")
                                    .append(oneDecimal(phase.medianMs()))
                                    .append('\n')));
        } else {
            out.append("\nNo init breakdown: no subsegments under Initialization/Restore in this source.\n");
        }
        footer(report).forEach(line -> out.append('\n').append(line).append('\n'));
        return out.toString();
    }

    static String csv(ColdStartReport report) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("source", "kind"));
        header.addAll(HEADERS.stream()
                .map(name -> name.replace(' ', '_').replace("%", "ratio"))
                .toList());
        header.addAll(List.of("phase", "phase_count", "phase_p50"));
        out.append(String.join(",", header)).append('\n');
        for (FunctionStats stats : report.functions()) {
            List<String> row = new ArrayList<>(List.of(report.source(), "function"));
            row.addAll(cells(stats, TextFormats::twoDecimals));
            row.set(row.size() - HEADERS.size() + 4, String.format(Locale.ROOT, "%.4f", stats.coldRatio()));
            row.addAll(List.of("", "", ""));
            out.append(String.join(",", row.stream().map(TextFormats::csvCell).toList()))
                    .append('\n');
            for (FunctionStats.Phase phase : stats.breakdown()) {
                List<String> phaseRow =
                        new ArrayList<>(List.of(report.source(), "phase", stats.function(), stats.version()));
                for (int i = 2; i < HEADERS.size(); i++) {
                    phaseRow.add("");
                }
                phaseRow.addAll(List.of(phase.path(), Integer.toString(phase.count()), twoDecimals(phase.medianMs())));
                out.append(String.join(
                                ",", phaseRow.stream().map(TextFormats::csvCell).toList()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> cells(FunctionStats stats, Function<Double, String> number) {
        List<String> cells = new ArrayList<>(List.of(
                stats.function(),
                stats.version(),
                Integer.toString(stats.invocations()),
                Integer.toString(stats.coldStarts()),
                String.format(Locale.ROOT, "%.1f", 100.0 * stats.coldRatio())));
        for (Summary summary : List.of(stats.init(), stats.restore())) {
            java.util.Arrays.asList(summary.p50(), summary.p90(), summary.p99(), summary.max())
                    .forEach(value -> cells.add(number.apply(value)));
        }
        for (Summary summary : List.of(stats.coldDuration(), stats.warmDuration())) {
            java.util.Arrays.asList(summary.p50(), summary.p90(), summary.p99())
                    .forEach(value -> cells.add(number.apply(value)));
        }
        cells.add(stats.maxMemoryUsedMb() == null ? number.apply(null) : Long.toString(stats.maxMemoryUsedMb()));
        return cells;
    }

    private static List<String> breakdown(ColdStartReport report) {
        List<String> lines = new ArrayList<>();
        if (report.functions().stream().allMatch(stats -> stats.breakdown().isEmpty())) {
            lines.add("\nNo init breakdown: no subsegments under Initialization/Restore in this source.");
            return lines;
        }
        lines.add("\n### Init breakdown (median ms per subsegment under Initialization/Restore)\n");
        lines.add("| function | version | subsegment | count | p50 (ms) |");
        lines.add("|---|---|---|---:|---:|");
        report.functions()
                .forEach(stats -> stats.breakdown()
                        .forEach(phase -> lines.add("| " + stats.function() + " | "
                                + stats.version() + " | " + "&nbsp;&nbsp;".repeat(phase.depth() - 1) + phase.path()
                                + " | "
                                + phase.count() + " | " + oneDecimal(phase.medianMs()) + " |")));
        return lines;
    }

    private static List<String> footer(ColdStartReport report) {
        List<String> lines = new ArrayList<>();
        if (report.functions().isEmpty()) {
            lines.add("No invocations in this window.");
        }
        if (report.unreadableLine() != null) {
            lines.add(report.unreadableLine());
        }
        report.notes().forEach(note -> lines.add("Note: " + note + "."));
        return lines;
    }

    private static String row(List<String> cells, String separator, String open, String close) {
        return open + String.join(separator, cells) + close + "\n";
    }

    private static String lastName(String path) {
        return path.substring(path.lastIndexOf(InitPhase.SEPARATOR) + InitPhase.SEPARATOR.length());
    }

    static String oneDecimal(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String twoDecimals(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String csvCell(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
