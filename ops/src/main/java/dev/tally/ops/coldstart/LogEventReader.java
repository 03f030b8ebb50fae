package dev.tally.ops.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Lambda's platform log events, in either log format: the text {@code REPORT} line (with
 * {@code Init Duration} on a cold start, or {@code Restore Duration} and {@code Billed Restore
 * Duration} on a SnapStart restore) and {@code INIT_REPORT}, or the JSON events
 * {@code platform.report}, {@code platform.initReport} and {@code platform.restoreReport}
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html).
 */
final class LogEventReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIELD = Pattern.compile("([A-Za-z][A-Za-z ]*?): ([^\\t]+?)(?: ms| MB)?(?=\\t|$)");

    /** What one log event is. */
    sealed interface Event permits Report, InitReport, Unreadable, Other {}

    /** A REPORT line or platform.report event. */
    record Report(Invocation invocation) implements Event {}

    /** An INIT_REPORT line or platform.initReport/restoreReport event. */
    record InitReport(String phase, String status) implements Event {

        boolean failed() {
            return status != null && !status.equals("success");
        }
    }

    /** A platform line that should have been readable and was not. */
    record Unreadable(String why) implements Event {}

    /** Anything else: START, END, the function's own output. */
    record Other() implements Event {}

    private LogEventReader() {}

    /** Reads the event {@code message} logged at {@code timestampMs} for this function and version. */
    static Event read(String function, String version, long timestampMs, String message) {
        String text = message.strip();
        if (text.startsWith("{")) {
            return readJson(function, version, timestampMs, text);
        }
        if (text.startsWith("REPORT ")) {
            return readReportLine(function, version, timestampMs, text);
        }
        if (text.startsWith("INIT_REPORT ") || text.startsWith("RESTORE_REPORT ")) {
            String phase = field(text, "Phase").orElse(text.startsWith("RESTORE") ? "restore" : "init");
            return new InitReport(phase, field(text, "Status").orElse("success"));
        }
        return new Other();
    }

    private static Event readReportLine(String function, String version, long timestampMs, String line) {
        Optional<Double> duration = number(line, "Duration");
        if (duration.isEmpty()) {
            return new Unreadable("REPORT line without Duration");
        }
        Double init = number(line, "Init Duration").orElse(null);
        Double restore = number(line, "Restore Duration").orElse(null);
        Long memory = number(line, "Max Memory Used").map(Double::longValue).orElse(null);
        return new Report(new Invocation(
                function,
                version,
                timestampMs,
                init != null || restore != null,
                init,
                restore,
                duration.get(),
                memory));
    }

    private static Event readJson(String function, String version, long timestampMs, String text) {
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (IOException notJson) {
            return new Other();
        }
        String type = event.path("type").asText("");
        JsonNode record = event.path("record");
        switch (type) {
            case "platform.report" -> {
                JsonNode metrics = record.path("metrics");
                if (!metrics.hasNonNull("durationMs")) {
                    return new Unreadable("platform.report without record.metrics.durationMs");
                }
                Double init = metrics.hasNonNull("initDurationMs")
                        ? metrics.get("initDurationMs").asDouble()
                        : null;
                Double restore = metrics.hasNonNull("restoreDurationMs")
                        ? metrics.get("restoreDurationMs").asDouble()
                        : null;
                Long memory = metrics.hasNonNull("maxMemoryUsedMB")
                        ? metrics.get("maxMemoryUsedMB").asLong()
                        : null;
                return new Report(new Invocation(
                        function,
                        version,
                        timestampMs,
                        init != null || restore != null,
                        init,
                        restore,
                        metrics.get("durationMs").asDouble(),
                        memory));
            }
            case "platform.initReport" -> {
                return new InitReport(
                        record.path("phase").asText("init"),
                        record.path("status").asText("success"));
            }
            case "platform.restoreReport" -> {
                return new InitReport("restore", record.path("status").asText("success"));
            }
            default -> {
                return new Other();
            }
        }
    }

    private static Optional<Double> number(String line, String name) {
        return field(line, name).flatMap(value -> {
            try {
                return Optional.of(Double.parseDouble(value.trim()));
            } catch (NumberFormatException notNumber) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> field(String line, String name) {
        Matcher matcher = FIELD.matcher(line.substring(line.indexOf(' ') + 1));
        while (matcher.find()) {
            if (matcher.group(1).trim().equals(name)) {
                return Optional.of(matcher.group(2).trim());
            }
        }
        return Optional.empty();
    }
}
