package dev.tally.ops.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Lambda's platform log events in the shapes AWS documents, text and JSON log format
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html).
 */
class LogEventReaderTest {

    private static final long AT = 1_764_240_000_000L;

    @Test
    void read_reportWithInitDuration_isAColdStart() {
        LogEventReader.Event event = read(
                "REPORT RequestId: 3d1c6f3e-0c2a-4c34-a3f2-5b5d7f0f6a11\tDuration: 512.34 ms\t"
                        + "Billed Duration: 513 ms\tMemory Size: 1024 MB\tMax Memory Used: 187 MB\tInit Duration: 2345.67 ms\t");

        assertThat(event)
                .isEqualTo(new LogEventReader.Report(new Invocation("F", "7", AT, true, 2345.67, null, 512.34, 187L)));
    }

    @Test
    void read_reportWithoutInitDuration_isWarm() {
        LogEventReader.Event event = read("REPORT RequestId: 3d1c6f3e\tDuration: 8.91 ms\tBilled Duration: 9 ms\t"
                + "Memory Size: 1024 MB\tMax Memory Used: 190 MB");

        assertThat(event)
                .isEqualTo(new LogEventReader.Report(new Invocation("F", "7", AT, false, null, null, 8.91, 190L)));
    }

    @Test
    void read_reportWithRestoreDuration_isASnapStartRestore() {
        LogEventReader.Event event = read(
                "REPORT RequestId: 9f2a\tDuration: 120.50 ms\tBilled Duration: 121 ms\t"
                        + "Memory Size: 1024 MB\tMax Memory Used: 150 MB\tRestore Duration: 301.22 ms\tBilled Restore Duration: 180 ms");

        assertThat(event)
                .isEqualTo(new LogEventReader.Report(new Invocation("F", "7", AT, true, null, 301.22, 120.5, 150L)));
    }

    @Test
    void read_reportWithoutDuration_isUnreadable() {
        assertThat(read("REPORT RequestId: 9f2a\tBilled Duration: 121 ms"))
                .isInstanceOf(LogEventReader.Unreadable.class);
    }

    @Test
    void read_initReportTimeout_isAFailedInit() {
        LogEventReader.Event event = read("INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout");

        assertThat(event).isEqualTo(new LogEventReader.InitReport("init", "timeout"));
        assertThat(((LogEventReader.InitReport) event).failed()).isTrue();
    }

    @Test
    void read_jsonPlatformReport_onColdStart() {
        LogEventReader.Event event =
                read("{\"time\":\"2026-12-04T10:00:00.000Z\",\"type\":\"platform.report\",\"record\":{"
                        + "\"requestId\":\"6d68ca91-49c9-448d-89b8-7ca3e6dc66aa\",\"metrics\":{\"durationMs\":512.34,"
                        + "\"billedDurationMs\":513,\"memorySizeMB\":1024,\"maxMemoryUsedMB\":187,\"initDurationMs\":2345.67},"
                        + "\"tracing\":{\"spanId\":\"a1\",\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=1-5f3b;Parent=a1;Sampled=1\"},"
                        + "\"status\":\"success\"}}");

        assertThat(event)
                .isEqualTo(new LogEventReader.Report(new Invocation("F", "7", AT, true, 2345.67, null, 512.34, 187L)));
    }

    @Test
    void read_jsonPlatformReport_onRestore() {
        LogEventReader.Event event = read(
                "{\"time\":\"2026-12-04T10:00:00.000Z\",\"type\":\"platform.report\",\"record\":{"
                        + "\"requestId\":\"r\",\"metrics\":{\"durationMs\":120.5,\"billedDurationMs\":121,\"memorySizeMB\":1024,"
                        + "\"maxMemoryUsedMB\":150,\"restoreDurationMs\":301.22,\"billedRestoreDurationMs\":180},\"status\":\"success\"}}");

        assertThat(event)
                .isEqualTo(new LogEventReader.Report(new Invocation("F", "7", AT, true, null, 301.22, 120.5, 150L)));
    }

    @Test
    void read_jsonInitAndRestoreReports_areCountedWithTheirStatus() {
        assertThat(
                        read(
                                "{\"time\":\"2026-12-04T10:00:00.000Z\",\"type\":\"platform.initReport\",\"record\":{"
                                        + "\"initializationType\":\"on-demand\",\"phase\":\"init\",\"status\":\"success\",\"metrics\":{\"durationMs\":2345.67}}}"))
                .isEqualTo(new LogEventReader.InitReport("init", "success"));
        assertThat(read("{\"time\":\"2026-12-04T10:00:00.000Z\",\"type\":\"platform.restoreReport\",\"record\":{"
                        + "\"status\":\"failure\",\"metrics\":{\"durationMs\":1.0}}}"))
                .isEqualTo(new LogEventReader.InitReport("restore", "failure"));
    }

    @Test
    void read_jsonReportWithoutMetrics_isUnreadable_andApplicationLinesAreOther() {
        assertThat(read("{\"type\":\"platform.report\",\"record\":{\"requestId\":\"r\"}}"))
                .isInstanceOf(LogEventReader.Unreadable.class);
        assertThat(read("{\"level\":\"INFO\",\"message\":\"REPORT is a word in a user's log\"}"))
                .isInstanceOf(LogEventReader.Other.class);
        assertThat(read("START RequestId: r Version: 7")).isInstanceOf(LogEventReader.Other.class);
    }

    @Test
    void version_ofALambdaLogStream_isTheBracketedPart() {
        assertThat(LogsSource.version("2026/12/04/[12]0a1b2c3d4e5f")).isEqualTo("12");
        assertThat(LogsSource.version("2026/12/04/[$LATEST]0a1b2c3d4e5f")).isEqualTo("$LATEST");
        assertThat(LogsSource.version("odd-stream")).isEqualTo("$LATEST");
    }

    private static LogEventReader.Event read(String message) {
        return LogEventReader.read("F", "7", AT, message);
    }
}
