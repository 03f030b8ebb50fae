package dev.tally.commands.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.common.testing.ShadedJarRun;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployable artefact itself: runs the handler from the shaded {@code -lambda.jar} in a fresh JVM
 * ({@link ShadedJarRun}: only the jar, the test classes and the shared test context on the classpath) and
 * checks that it starts, logs Powertools JSON with our keys, and reports an unreachable DynamoDB as a batch item failure.
 */
class ShadedJarSmokeIT {

    private static final String COMMAND =
            "{\"commandId\":\"cmd-smoke-1\",\"type\":\"RECORD_PAYMENT\",\"schemaVersion\":1,"
                    + "\"userId\":\"user-a\",\"issuedAt\":\"2026-11-27T10:00:00Z\",\"payload\":{\"debtId\":\"debt-1\","
                    + "\"amount\":{\"amount\":\"12.50\",\"currency\":\"EUR\"},\"paidAt\":\"2026-11-27T09:00:00Z\",\"note\":\"secret note\"}}";

    @Test
    void lambdaJar_whenTheHandlerRunsFromIt_logsJsonWithCommandKeysAndNeverTheBody() throws Exception {
        assertThat(ShadedJarRun.lambdaJar()).exists();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        env.put("DEBTS_TABLE", "debts");
        env.put("COMMANDS_TABLE", "commands");
        env.put("DEAD_LETTER_QUEUE_URL", "http://127.0.0.1:9/000000000000/commands-dlq.fifo");
        env.put("POWERTOOLS_SERVICE_NAME", "commands");
        env.put("AWS_XRAY_CONTEXT_MISSING", "IGNORE_ERROR");
        ShadedJarRun run = ShadedJarRun.run(ShadedJarProbe.class, env, Duration.ofSeconds(60), COMMAND);
        List<String> lines = run.lines();

        assertThat(run.exitValue()).as(run.output()).isZero();
        assertThat(lines).contains("FAILED_MESSAGE_IDS=[probe-message-1]");
        JsonNode failure = run.jsonLines().stream()
                .filter(line -> "dev.tally.commands.CommandWorker"
                                .equals(line.path("loggerName").asText())
                        && line.has("commandId")) // the batch unit's fallback line comes first (ADR 0117)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON log line from the worker in:\n" + lines));
        assertThat(failure.path("level").asText()).isEqualTo("WARN");
        assertThat(failure.path("commandId").asText()).isEqualTo("cmd-smoke-1");
        assertThat(failure.path("commandType").asText()).isEqualTo("RECORD_PAYMENT");
        assertThat(failure.path("messageId").asText()).isEqualTo("probe-message-1");
        assertThat(failure.path("service").asText()).isEqualTo("commands");
        assertThat(run.output()).doesNotContain("secret note");
    }

    /**
     * Build-time jar budget (ADR 0104, "Jar sizes"): the target is 10 MB per function jar;
     * what is reached today is recorded there, and this ceiling keeps it from growing back. The
     * trimmed entries must stay out: unused Lambda event classes, Maven metadata (joda-time stays: ADR 0064).
     */
    @Test
    void lambdaJar_staysWithinItsSizeCeilingAndCarriesNoTrimmedClasses() throws Exception {
        ShadedJarRun.assertLambdaJarWithinBudget();
    }
}
