package dev.tally.local.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.runtime.TestFunctionJar;
import dev.tally.local.runtime.lambda.ContainerLauncher;
import dev.tally.local.runtime.stack.LocalStack;
import dev.tally.local.runtime.stack.StackOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One local run, three sources: {@code tally ops coldstart report --source local} over the data
 * directory, {@code --source xray} and {@code --source logs} through the real X-Ray and CloudWatch
 * Logs SDK clients against the runtime's observability endpoint (and against a second endpoint
 * over the same data that pages every two results). All give the same numbers.
 */
class ColdStartSourcesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> FUNCTIONS = List.of("JsonLogsFunction", "TextLogsFunction");
    private static final int CALLS_PER_FUNCTION = 6;

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

    @BeforeAll
    static void run() throws Exception {
        // TESTS ONLY: the SDK's default credentials chain reads these; the local endpoint ignores signatures.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Path template = Path.of(
                ColdStartSourcesIT.class.getResource("/coldstart/template.yaml").toURI());
        stack = LocalStack.start(new StackOptions(
                template,
                TestFunctionJar.path().getParent(),
                0,
                data,
                false,
                null,
                null,
                "eu-west-1",
                "coldstartstack",
                2,
                Duration.ofMinutes(5),
                ContainerLauncher.defaultJvmFlags(),
                new PrintStream(CONSOLE, true, StandardCharsets.UTF_8)));
        for (String path : List.of("/json", "/text")) {
            // Two at once (up to two cold containers), then one after the other (warm).
            List<CompletableFuture<HttpResponse<String>>> first = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                first.add(HTTP.sendAsync(get(path), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : first) {
                assertThat(response.get().statusCode()).isEqualTo(201);
            }
            for (int i = 2; i < CALLS_PER_FUNCTION; i++) {
                assertThat(HTTP.send(get(path), HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(201);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void start_printsTheXRayAndLogsEndpoints() {
        String console = CONSOLE.toString(StandardCharsets.UTF_8);
        String endpoint = stack.endpoints().get("X-Ray API").toString();

        assertThat(console).contains("X-Ray API       " + endpoint, "CloudWatch Logs " + endpoint);
    }

    @Test
    void logs_followTheFunctionsLogFormat() throws Exception {
        String json = Files.readString(FunctionLogs.file(data.resolve("logs"), "JsonLogsFunction"));
        String text = Files.readString(FunctionLogs.file(data.resolve("logs"), "TextLogsFunction"));

        assertThat(json)
                .contains(
                        "\\\"type\\\":\\\"platform.report\\\"",
                        "\\\"type\\\":\\\"platform.initReport\\\"",
                        "\\\"type\\\":\\\"platform.start\\\"")
                .doesNotContain("REPORT RequestId");
        assertThat(text)
                .contains("REPORT RequestId: ", "Init Duration: ", "START RequestId: ")
                .doesNotContain("platform.report");
    }

    @Test
    void report_fromLocalXRayAndLogs_givesTheSameNumbers() throws Exception {
        String endpoint = stack.endpoints().get("X-Ray API").toString();
        JsonNode local = report("--source", "local", "--data-dir", data.toString());
        JsonNode xray = report("--source", "xray", "--endpoint-url", endpoint, "--region", "eu-west-1");
        JsonNode logs = report("--source", "logs", "--endpoint-url", endpoint, "--region", "eu-west-1");

        assertThat(local.get("functions")).hasSize(2);
        for (int i = 0; i < FUNCTIONS.size(); i++) {
            JsonNode fromLocal = local.get("functions").get(i);
            assertThat(fromLocal.get("function").asText()).isEqualTo(FUNCTIONS.get(i));
            assertThat(fromLocal.get("invocations").asInt()).isEqualTo(CALLS_PER_FUNCTION);
            assertThat(fromLocal.get("coldStarts").asInt()).isBetween(1, 2);
            assertThat(fromLocal.get("init").get("p50").asDouble()).isPositive();
            assertSameNumbers(fromLocal, xray.get("functions").get(i), "xray");
            assertSameNumbers(fromLocal, logs.get("functions").get(i), "logs");
            assertThat(logs.get("functions").get(i).get("maxMemoryUsedMb")).isEqualTo(fromLocal.get("maxMemoryUsedMb"));
        }
        assertThat(List.of(local, xray, logs))
                .allSatisfy(report ->
                        assertThat(report.get("unreadableTotal").asInt()).isZero());
        assertThat(xray.get("notes").toString()).contains("sampled");
        assertThat(logs.get("notes").toString()).contains("complete");
    }

    @Test
    void report_throughAnEndpointThatPagesEveryTwoResults_givesTheSameNumbers() throws Exception {
        JsonNode local = report("--source", "local", "--data-dir", data.toString());
        try (ObservabilityServer paging =
                new ObservabilityServer(data.resolve("traces.jsonl"), data.resolve("logs"), 0, 2)) {
            String endpoint = paging.endpoint().toString();
            JsonNode xray = report(
                    "--source",
                    "xray",
                    "--endpoint-url",
                    endpoint,
                    "--region",
                    "eu-west-1",
                    "--function",
                    "JsonLogsFunction",
                    "--function",
                    "TextLogsFunction");
            JsonNode logs = report("--source", "logs", "--endpoint-url", endpoint, "--region", "eu-west-1");

            for (int i = 0; i < FUNCTIONS.size(); i++) {
                assertSameNumbers(
                        local.get("functions").get(i), xray.get("functions").get(i), "xray, paged");
                assertSameNumbers(
                        local.get("functions").get(i), logs.get("functions").get(i), "logs, paged");
            }
            assertThat(xray.get("notes").toString()).contains(2 * CALLS_PER_FUNCTION + " trace(s)");
        }
    }

    @Test
    void report_logsOfAFunctionWithoutLogGroup_exitsTwoNamingTheGroup() {
        String endpoint = stack.endpoints().get("CloudWatch Logs").toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = dev.tally.ops.Main.run(
                new String[] {
                    "coldstart",
                    "report",
                    "--source",
                    "logs",
                    "--endpoint-url",
                    endpoint,
                    "--region",
                    "eu-west-1",
                    "--function",
                    "NoSuchFunction"
                },
                new PrintWriter(out),
                new PrintWriter(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("no log group /aws/lambda/NoSuchFunction")
                .hasLineCount(1);
    }

    private static void assertSameNumbers(JsonNode expected, JsonNode actual, String source) {
        for (String field : List.of(
                "function",
                "version",
                "invocations",
                "coldStarts",
                "init",
                "restore",
                "coldDuration",
                "warmDuration")) {
            assertThat(actual.get(field))
                    .as(source + " " + expected.get("function").asText() + " " + field)
                    .isEqualTo(expected.get(field));
        }
        assertThat(sorted(actual.get("initSamplesMs")))
                .as(source + " init samples")
                .isEqualTo(sorted(expected.get("initSamplesMs")));
    }

    private static List<Double> sorted(JsonNode values) {
        List<Double> list = new ArrayList<>();
        values.forEach(value -> list.add(value.asDouble()));
        list.sort(Double::compare);
        return list;
    }

    private static JsonNode report(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("coldstart", "report", "--format", "json"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = dev.tally.ops.Main.run(
                all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(String.join(" ", all) + "\n" + err).isZero();
        return JSON.readTree(out.toString());
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(stack.endpoints().get("API") + path))
                .GET()
                .build();
    }
}
