package dev.tally.commands.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.events.TallyJson;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployable artefact itself: runs the handler from the shaded {@code -lambda.jar} in a fresh JVM
 * (only the jar and the probe on the classpath) and checks that it starts, logs Powertools JSON with
 * our keys, and reports an unreachable DynamoDB as a batch item failure.
 */
class ShadedJarSmokeIT {

    private static final String COMMAND = "{\"commandId\":\"cmd-smoke-1\",\"type\":\"RECORD_PAYMENT\",\"schemaVersion\":1,"
            + "\"userId\":\"user-a\",\"issuedAt\":\"2026-11-27T10:00:00Z\",\"payload\":{\"debtId\":\"debt-1\","
            + "\"amount\":{\"amount\":\"12.50\",\"currency\":\"EUR\"},\"paidAt\":\"2026-11-27T09:00:00Z\",\"note\":\"secret note\"}}";

    @Test
    void lambdaJar_whenTheHandlerRunsFromIt_logsJsonWithCommandKeysAndNeverTheBody() throws Exception {
        Path jar = Path.of(System.getProperty("lambdaJar"));
        assertThat(jar).exists();
        Path output = Files.createTempFile("worker-smoke", ".log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-cp",
                jar + File.pathSeparator + System.getProperty("testClasses"),
                ShadedJarProbe.class.getName(), COMMAND)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        env.put("DEBTS_TABLE", "debts");
        env.put("COMMANDS_TABLE", "commands");
        env.put("DEAD_LETTER_QUEUE_URL", "http://127.0.0.1:9/000000000000/commands-dlq.fifo");
        env.put("POWERTOOLS_SERVICE_NAME", "commands");
        env.put("AWS_XRAY_CONTEXT_MISSING", "IGNORE_ERROR");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).contains("FAILED_MESSAGE_IDS=[probe-message-1]");
        JsonNode failure = jsonLines(lines).stream()
                .filter(line -> "dev.tally.commands.CommandWorker".equals(line.path("loggerName").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON log line from the worker in:\n" + lines));
        assertThat(failure.path("level").asText()).isEqualTo("WARN");
        assertThat(failure.path("commandId").asText()).isEqualTo("cmd-smoke-1");
        assertThat(failure.path("commandType").asText()).isEqualTo("RECORD_PAYMENT");
        assertThat(failure.path("messageId").asText()).isEqualTo("probe-message-1");
        assertThat(failure.path("service").asText()).isEqualTo("commands");
        assertThat(String.join("\n", lines)).doesNotContain("secret note");
    }

    private static List<JsonNode> jsonLines(List<String> lines) throws IOException {
        List<JsonNode> json = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                json.add(TallyJson.MAPPER.readTree(line));
            }
        }
        return json;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
