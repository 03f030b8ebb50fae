package dev.tally.local.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.runtime.RecordingPlatformLog;
import dev.tally.local.runtime.TestFunctionJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Function containers: real JVM processes running the runtime interface client against our Runtime API. */
class LocalLambdaIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    private LocalLambda lambda;
    private RecordingPlatformLog log;

    private LocalLambda start(int maxContainers, Duration timeout, Duration idleTimeout) {
        FunctionSpec echo = new FunctionSpec(
                "Echo",
                "dev.tally.local.runtime.testfunctions.EchoHandler::handleRequest",
                TestFunctionJar.path(),
                256,
                timeout,
                Map.of("GREETING", "hello", "AWS_LAMBDA_FUNCTION_NAME", "spoofed"),
                maxContainers);
        log = new RecordingPlatformLog(dataDirectory.resolve("reports.jsonl"));
        ContainerLauncher launcher = new ContainerLauncher(
                dataDirectory.resolve("tasks"), Map.of("AWS_REGION", "eu-west-1"), ContainerLauncher.defaultJvmFlags());
        lambda = new LocalLambda(List.of(echo), launcher, log, "eu-west-1", idleTimeout);
        return lambda;
    }

    @AfterEach
    void stop() {
        if (lambda != null) {
            lambda.close();
        }
    }

    private static JsonNode invoke(LocalLambda lambda, String json) throws Exception {
        InvocationResult result = lambda.invoke("Echo", Invocation.of(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        return JSON.readTree(((InvocationResult.Success) result).payload());
    }

    @Test
    void invoke_coldThenWarm_onlyFirstReportHasInitDuration() throws Exception {
        start(1, Duration.ofSeconds(30), Duration.ofMinutes(5));

        JsonNode first = invoke(lambda, "{\"n\":1}");
        JsonNode second = invoke(lambda, "{\"n\":2}");

        assertThat(first.at("/event/n").asInt()).isEqualTo(1);
        assertThat(second.at("/pid").asLong()).isEqualTo(first.at("/pid").asLong());
        assertThat(log.reports).hasSize(2);
        assertThat(log.reports.get(0).coldStart()).isTrue();
        assertThat(log.reports.get(0).initDurationMs()).isPositive();
        assertThat(log.reports.get(0).reportLine()).contains("Init Duration: ");
        assertThat(log.reports.get(1).coldStart()).isFalse();
        assertThat(log.reports.get(1).initDurationMs()).isNull();
        assertThat(log.reports.get(1).reportLine()).doesNotContain("Init Duration");
        assertThat(log.reports.get(1).maxMemoryUsedMb()).isPositive();
        // https://docs.aws.amazon.com/lambda/latest/dg/java-logging.html: START, END and REPORT per invocation.
        String requestId = log.reports.get(0).requestId();
        assertThat(log.lines)
                .contains(
                        "Echo START RequestId: " + requestId + " Version: $LATEST", "Echo END RequestId: " + requestId);
        List<String> stored = Files.readAllLines(dataDirectory.resolve("reports.jsonl"));
        assertThat(stored).hasSize(2);
        assertThat(JSON.readTree(stored.get(0)).get("initDurationMs").asDouble())
                .isPositive();
        assertThat(JSON.readTree(stored.get(1)).get("initDurationMs").isNull()).isTrue();
    }

    @Test
    void invoke_passesEnvironmentTraceAndContext() throws Exception {
        start(1, Duration.ofSeconds(30), Duration.ofMinutes(5));
        Invocation invocation = Invocation.of(
                "{\"env\":[\"GREETING\",\"AWS_REGION\",\"AWS_LAMBDA_FUNCTION_NAME\",\"AWS_LAMBDA_FUNCTION_MEMORY_SIZE\"]}"
                        .getBytes(StandardCharsets.UTF_8));

        InvocationResult result = lambda.invoke("Echo", invocation);

        JsonNode answer = JSON.readTree(((InvocationResult.Success) result).payload());
        assertThat(answer.at("/env/GREETING").asText()).isEqualTo("hello");
        assertThat(answer.at("/env/AWS_REGION").asText()).isEqualTo("eu-west-1");
        assertThat(answer.at("/env/AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("Echo");
        assertThat(answer.at("/env/AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(answer.at("/traceHeader").asText()).isEqualTo(invocation.traceHeader());
        assertThat(answer.at("/requestId").asText()).isEqualTo(invocation.requestId());
        assertThat(answer.at("/functionArn").asText()).isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:Echo");
        assertThat(answer.at("/remainingMillis").asLong()).isBetween(1L, 30_000L);
        assertThat(answer.at("/maxHeapMb").asLong()).isBetween(150L, 256L);
    }

    @Test
    void invoke_whenHandlerThrows_reportsErrorAndKeepsContainerWarm() throws Exception {
        start(1, Duration.ofSeconds(30), Duration.ofMinutes(5));

        InvocationResult failed =
                lambda.invoke("Echo", Invocation.of("{\"throw\":\"boom\"}".getBytes(StandardCharsets.UTF_8)));
        invoke(lambda, "{}");

        assertThat(failed).isInstanceOfSatisfying(InvocationResult.FunctionError.class, error -> {
            assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(new String(error.payload(), StandardCharsets.UTF_8)).contains("boom");
        });
        assertThat(log.reports.get(0).status()).isEqualTo("error");
        assertThat(log.reports.get(1).coldStart()).isFalse();
    }

    @Test
    void invoke_whenTimeoutPasses_killsContainerAndNextInvocationIsCold() throws Exception {
        start(1, Duration.ofSeconds(2), Duration.ofMinutes(5));
        long pid = invoke(lambda, "{}").at("/pid").asLong();

        InvocationResult result =
                lambda.invoke("Echo", Invocation.of("{\"sleepMs\":60000}".getBytes(StandardCharsets.UTF_8)));

        assertThat(result).isInstanceOf(InvocationResult.Timeout.class);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(log.lines).anyMatch(line -> line.contains("Task timed out after 2.00 seconds"));
        JsonNode after = invoke(lambda, "{}");
        assertThat(after.at("/pid").asLong()).isNotEqualTo(pid);
        assertThat(log.reports.get(2).coldStart()).isTrue();
        assertThat(log.reports.get(1).status()).isEqualTo("timeout");
    }

    @Test
    void invoke_whenProcessExits_reportsRuntimeExitError() throws Exception {
        start(1, Duration.ofSeconds(30), Duration.ofMinutes(5));

        InvocationResult result =
                lambda.invoke("Echo", Invocation.of("{\"exit\":true}".getBytes(StandardCharsets.UTF_8)));

        assertThat(result)
                .isInstanceOfSatisfying(
                        InvocationResult.FunctionError.class,
                        error -> assertThat(error.errorType()).isEqualTo("Runtime.ExitError"));
        assertThat(invoke(lambda, "{}").at("/event").isObject()).isTrue();
    }

    @Test
    void invoke_whenAllContainersBusy_startsAnotherUpToTheLimit() throws Exception {
        start(2, Duration.ofSeconds(60), Duration.ofMinutes(5));

        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> uncheckedInvoke("{\"sleepMs\":3000}"));
        CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(() -> uncheckedInvoke("{\"sleepMs\":3000}"));

        assertThat(first.get().at("/pid").asLong())
                .isNotEqualTo(second.get().at("/pid").asLong());
        assertThat(lambda.containerPids("Echo")).hasSize(2);
        invoke(lambda, "{}");
        assertThat(lambda.containerPids("Echo")).hasSize(2);
    }

    @Test
    void idleContainers_areStopped_andCloseLeavesNoProcess() throws Exception {
        start(1, Duration.ofSeconds(30), Duration.ofSeconds(1));
        long pid = invoke(lambda, "{}").at("/pid").asLong();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.of(pid).isEmpty()
                        || !ProcessHandle.of(pid).get().isAlive());

        long second = invoke(lambda, "{}").at("/pid").asLong();
        lambda.close();
        assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(log.reports.get(1).coldStart()).isTrue();
    }

    private JsonNode uncheckedInvoke(String json) {
        try {
            return invoke(lambda, json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
