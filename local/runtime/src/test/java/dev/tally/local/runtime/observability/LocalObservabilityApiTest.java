package dev.tally.local.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.runtime.RecordingPlatformLog;
import dev.tally.local.runtime.lambda.InvocationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local X-Ray and CloudWatch Logs subsets and the function logs they serve, without a stack. */
class LocalObservabilityApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void functionLogs_inJsonFormat_writePlatformEvents_inTextFormat_theReportLine() throws Exception {
        FunctionLogs logs = new FunctionLogs(
                new RecordingPlatformLog(data.resolve("reports.jsonl")), data.resolve("logs"), Map.of("J", "JSON"));
        logs.platform("J", "START RequestId: r1 Version: $LATEST");
        logs.report(report("J", 812.346, 12.3));
        logs.report(report("T", 700.0, 5.0));

        List<String> json = Files.readAllLines(FunctionLogs.file(data.resolve("logs"), "J"));
        assertThat(json).hasSize(3);
        assertThat(JSON.readTree(JSON.readTree(json.get(0)).get("message").asText())
                        .get("type")
                        .asText())
                .isEqualTo("platform.start");
        assertThat(JSON.readTree(JSON.readTree(json.get(1)).get("message").asText())
                        .get("type")
                        .asText())
                .isEqualTo("platform.initReport");
        JsonNode report =
                JSON.readTree(JSON.readTree(json.get(2)).get("message").asText());
        assertThat(report.get("type").asText()).isEqualTo("platform.report");
        assertThat(report.at("/record/metrics/initDurationMs").asDouble()).isEqualTo(812.35);
        assertThat(report.at("/record/metrics/durationMs").asDouble()).isEqualTo(12.3);
        String text = JSON.readTree(Files.readAllLines(FunctionLogs.file(data.resolve("logs"), "T"))
                        .get(0))
                .get("message")
                .asText();
        assertThat(text)
                .startsWith("REPORT RequestId: r")
                .contains("\tDuration: 5.00 ms", "\tInit Duration: 700.00 ms");
    }

    @Test
    void functionLogs_forAFailedInit_writeAnInitReportAndNoReport() throws Exception {
        FunctionLogs logs = new FunctionLogs(
                new RecordingPlatformLog(data.resolve("reports.jsonl")), data.resolve("logs"), Map.of());
        logs.report(new InvocationReport(
                1_764_240_000_000L,
                "T",
                "r",
                "c1",
                "1-abc",
                "seg",
                true,
                null,
                0,
                1,
                256,
                0,
                "error",
                "Runtime.ExitError"));

        assertThat(Files.readAllLines(FunctionLogs.file(data.resolve("logs"), "T")))
                .singleElement()
                .satisfies(line -> assertThat(JSON.readTree(line).get("message").asText())
                        .isEqualTo("INIT_REPORT Init Duration: 0.00 ms\tPhase: init\tStatus: error"));
    }

    @Test
    void filterLogEvents_matchesTermsAndAlternatives_refusesJsonPatternsAndUnknownGroups() throws Exception {
        new FunctionLogs(new RecordingPlatformLog(data.resolve("reports.jsonl")), data.resolve("logs"), Map.of())
                .report(report("T", 700.0, 5.0));
        LocalLogsApi api = new LocalLogsApi(data.resolve("logs"), 100);

        assertThat(LocalLogsApi.matches("REPORT RequestId: x", "?REPORT ?\"platform.report\""))
                .isTrue();
        assertThat(LocalLogsApi.matches("{\"type\":\"platform.report\"}", "?REPORT ?\"platform.report\""))
                .isTrue();
        assertThat(LocalLogsApi.matches("START RequestId: x", "?REPORT ?\"platform.report\""))
                .isFalse();
        assertThat(LocalLogsApi.matches("START RequestId: x", "START RequestId"))
                .isTrue();
        assertThat(LocalLogsApi.matches("START RequestId: x", "START Missing")).isFalse();
        assertThat(api.handle(
                                "FilterLogEvents",
                                JSON.readTree("{\"logGroupName\":\"/aws/lambda/T\",\"filterPattern\":\"REPORT\"}"))
                        .body())
                .contains("REPORT RequestId");
        assertThat(api.handle(
                                "FilterLogEvents",
                                JSON.readTree(
                                        "{\"logGroupName\":\"/aws/lambda/T\",\"filterPattern\":\"{ $.type = 1 }\"}"))
                        .errorType())
                .isEqualTo("InvalidParameterException");
        assertThat(api.handle("FilterLogEvents", JSON.readTree("{\"logGroupName\":\"/aws/lambda/Nope\"}"))
                        .errorType())
                .isEqualTo("ResourceNotFoundException");
        assertThat(api.handle("PutLogEvents", JSON.readTree("{}")).errorType()).isEqualTo("UnknownOperationException");
    }

    @Test
    void xray_batchGetTracesTakesAtMostFive_andUnsupportedFiltersAreRefused() throws Exception {
        Path traces = data.resolve("traces.jsonl");
        Files.writeString(
                traces,
                "{\"id\":\"s1\",\"trace_id\":\"1-a\",\"name\":\"F\",\"origin\":\"AWS::Lambda::Function\","
                        + "\"start_time\":100.0,\"end_time\":101.0}\n{\"id\":\"s2\",\"trace_id\":\"1-b\",\"name\":\"G\","
                        + "\"origin\":\"AWS::Lambda::Function\",\"start_time\":200.0,\"end_time\":201.0}\nnot json\n");
        LocalXRayApi api = new LocalXRayApi(traces, 1);

        assertThat(api.handle("/Traces", JSON.readTree("{\"TraceIds\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}"))
                        .errorType())
                .isEqualTo("InvalidRequestException");
        JsonNode both = JSON.readTree(api.handle("/Traces", JSON.readTree("{\"TraceIds\":[\"1-a\",\"1-x\"]}"))
                .body());
        assertThat(both.get("Traces")).hasSize(1);
        assertThat(both.get("UnprocessedTraceIds").get(0).asText()).isEqualTo("1-x");
        assertThat(api.handle(
                                "/TraceSummaries",
                                JSON.readTree("{\"StartTime\":0,\"EndTime\":1000,"
                                        + "\"FilterExpression\":\"annotation.ColdStart = true\"}"))
                        .errorType())
                .isEqualTo("InvalidRequestException");

        JsonNode first =
                JSON.readTree(api.handle("/TraceSummaries", JSON.readTree("{\"StartTime\":0,\"EndTime\":1000}"))
                        .body());
        JsonNode second = JSON.readTree(api.handle(
                        "/TraceSummaries",
                        JSON.readTree("{\"StartTime\":0,\"EndTime\":1000," + "\"NextToken\":\""
                                + first.get("NextToken").asText() + "\"}"))
                .body());
        assertThat(first.at("/TraceSummaries/0/Id").asText()).isEqualTo("1-a");
        assertThat(second.at("/TraceSummaries/0/Id").asText()).isEqualTo("1-b");
        assertThat(second.has("NextToken")).isFalse();
        JsonNode onlyG = JSON.readTree(api.handle(
                        "/TraceSummaries",
                        JSON.readTree(
                                "{\"StartTime\":0,\"EndTime\":1000,"
                                        + "\"FilterExpression\":\"service(id(name: \\\"G\\\", type: \\\"AWS::Lambda::Function\\\"))\"}"))
                .body());
        assertThat(onlyG.get("TraceSummaries")).hasSize(1);
        assertThat(onlyG.at("/TraceSummaries/0/Id").asText()).isEqualTo("1-b");
    }

    private static InvocationReport report(String function, double initMs, double durationMs) {
        return new InvocationReport(
                1_764_240_000_000L,
                function,
                "r-" + function,
                "c1",
                "1-abc",
                "seg",
                true,
                initMs,
                durationMs,
                900,
                256,
                120,
                "success",
                null);
    }
}
