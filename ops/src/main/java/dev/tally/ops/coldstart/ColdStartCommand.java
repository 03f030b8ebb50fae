package dev.tally.ops.coldstart;

import dev.tally.ops.Main;
import dev.tally.ops.OpsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.xray.XRayClient;

/**
 * {@code tally ops coldstart report|compare}: cold-start numbers per function version from the
 * local runtime's files, X-Ray or CloudWatch Logs, and a regression gate between two reports
 * (docs/OPERATIONS.md, docs/adr/0120-cold-start-analysis-sources.md).
 */
@Command(
        name = "coldstart",
        mixinStandardHelpOptions = true,
        description = "Cold-start analysis: from the local runtime, X-Ray or CloudWatch Logs; compare two reports.",
        subcommands = {ColdStartCommand.Report.class, ColdStartCommand.Compare.class})
public final class ColdStartCommand {

    /** {@code coldstart report}. */
    @Command(
            name = "report",
            mixinStandardHelpOptions = true,
            description = "Per function and version: invocations, cold ratio, Init/Restore percentiles, durations, "
                    + "memory and the init breakdown.")
    static final class Report implements Callable<Integer> {

        private static final Pattern SINCE = Pattern.compile("(\\d+)([mhd])");

        @Spec
        CommandSpec spec;

        @Mixin
        AwsAccess aws;

        @Option(
                names = "--source",
                paramLabel = "SOURCE",
                defaultValue = "local",
                description = "local (the data directory), xray or logs (default: ${DEFAULT-VALUE}).")
        String source;

        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                defaultValue = ".tally",
                description = "The local runtime's data directory, for --source local (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(
                names = "--since",
                paramLabel = "AGE",
                description = "The window up to now, e.g. 90m, 24h, 7d "
                        + "(default: all of the local data; 24h for xray and logs).")
        String since;

        @Option(names = "--start", paramLabel = "ISO", description = "The window's start, e.g. 2026-12-01T00:00:00Z.")
        String start;

        @Option(names = "--end", paramLabel = "ISO", description = "The window's end (default: now).")
        String end;

        @Option(names = "--function", paramLabel = "NAME", description = "Only this function (repeatable).")
        List<String> functions = new ArrayList<>();

        @Option(names = "--version", paramLabel = "V", description = "Only this function version ($LATEST, 3, …).")
        String version;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "table",
                description = "table, markdown, json, csv or html (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(
                names = "--output",
                paramLabel = "FILE",
                description = "Write the report here instead of standard output.")
        Path output;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            if (!List.of("table", "markdown", "json", "csv", "html").contains(format)) {
                throw new OpsException("--format " + format + ": expected table, markdown, json, csv or html");
            }
            Selection selection = selection();
            ColdStartData data = switch (source) {
                case "local" -> LocalSource.load(dataDir).select(selection);
                case "xray" ->
                    fromAws("X-Ray", () -> {
                        try (XRayClient xray = aws.xray()) {
                            return XRaySource.load(xray, selection, clock.instant());
                        }
                    });
                case "logs" ->
                    fromAws("CloudWatch Logs", () -> {
                        try (CloudWatchLogsClient logs = aws.logs()) {
                            return LogsSource.load(logs, selection);
                        }
                    });
                default -> throw new OpsException("--source " + source + ": expected local, xray or logs");
            };
            ColdStartReport report = ColdStartReport.of(data, selection);
            String text = switch (format) {
                case "markdown" -> TextFormats.markdown(report);
                case "json" -> ReportJson.write(report);
                case "csv" -> TextFormats.csv(report);
                case "html" -> HtmlReport.render(report);
                default -> TextFormats.table(report);
            };
            if (output == null) {
                spec.commandLine().getOut().print(text);
            } else {
                write(output, text);
                spec.commandLine()
                        .getOut()
                        .println("wrote " + output + " (" + report.functions().size() + " function version(s), source "
                                + source + ")");
                if (report.unreadableLine() != null) {
                    spec.commandLine().getOut().println(report.unreadableLine());
                }
            }
            spec.commandLine().getOut().flush();
            return 0;
        }

        private Selection selection() {
            if (since != null && (start != null || end != null)) {
                throw new OpsException("--since and --start/--end both given: use one");
            }
            Instant now = clock.instant();
            Instant from;
            Instant to = end == null ? now : instant("--end", end);
            if (since != null) {
                from = now.minus(age(since));
            } else if (start != null) {
                from = instant("--start", start);
            } else if (end != null) {
                throw new OpsException("--end without --start: give both, or --since");
            } else {
                from = source.equals("local") ? Instant.EPOCH : now.minus(Duration.ofHours(24));
                to = source.equals("local") ? Selection.everything().end() : now;
            }
            if (!from.isBefore(to)) {
                throw new OpsException("the window is empty: " + from + " is not before " + to);
            }
            return new Selection(from, to, new LinkedHashSet<>(functions), version);
        }

        private static Duration age(String text) {
            Matcher matcher = SINCE.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
                throw new OpsException("--since " + text
                        + ": expected a positive number of minutes, hours or days, e.g. 90m, 24h, 7d");
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }

        private static Instant instant(String option, String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException invalid) {
                throw new OpsException(
                        option + " " + text + ": expected an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
            }
        }

        private static ColdStartData fromAws(String service, java.util.function.Supplier<ColdStartData> call) {
            try {
                return call.get();
            } catch (SdkClientException clientSide) {
                String message = firstLine(clientSide.getMessage());
                if (message.toLowerCase(Locale.ROOT).contains("credentials")) {
                    throw new OpsException(
                            "no usable AWS credentials for " + service + ": pass --profile or set "
                                    + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (" + message + ")",
                            clientSide);
                }
                throw new OpsException(service + " could not be reached: " + message, clientSide);
            } catch (SdkException failed) {
                throw new OpsException(service + " refused the call: " + firstLine(failed.getMessage()), failed);
            }
        }
    }

    /** {@code coldstart compare}. */
    @Command(
            name = "compare",
            mixinStandardHelpOptions = true,
            description = "Compares two JSON reports: change of Init p50/p90 per function with a bootstrap 95% "
                    + "confidence interval; exit 1 when a function regressed past the threshold.")
    static final class Compare implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--baseline", paramLabel = "A.json", required = true, description = "The report before.")
        Path baseline;

        @Option(names = "--candidate", paramLabel = "B.json", required = true, description = "The report after.")
        Path candidate;

        @Option(
                names = "--threshold",
                paramLabel = "PCT",
                defaultValue = "10%",
                description = "The slow-down that counts as a regression (default: ${DEFAULT-VALUE}).")
        String threshold;

        @Override
        public Integer call() {
            double thresholdPct = threshold(threshold);
            ColdStartReport before = ReportJson.read(baseline, "--baseline");
            ColdStartReport after = ReportJson.read(candidate, "--candidate");
            List<ReportComparison.Verdict> verdicts = ReportComparison.compare(before, after, thresholdPct);
            spec.commandLine().getOut().print(ReportComparison.render(verdicts, thresholdPct));
            List<String> regressed = verdicts.stream()
                    .filter(ReportComparison.Verdict::regressed)
                    .map(ReportComparison.Verdict::key)
                    .toList();
            if (!regressed.isEmpty()) {
                spec.commandLine()
                        .getOut()
                        .println("\nRegressed past " + threshold + ": " + String.join(", ", regressed));
            }
            spec.commandLine().getOut().flush();
            return regressed.isEmpty() ? 0 : Main.ATTENTION;
        }

        private static double threshold(String text) {
            String number = text.trim().endsWith("%")
                    ? text.trim().substring(0, text.trim().length() - 1)
                    : text.trim();
            try {
                double value = Double.parseDouble(number);
                if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException invalid) {
                throw new OpsException("--threshold " + text + ": expected a percentage, e.g. 10%");
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new OpsException("cannot write " + file + ": " + failed.getMessage(), failed);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
