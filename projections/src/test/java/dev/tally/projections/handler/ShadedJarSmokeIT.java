package dev.tally.projections.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.ShadedJarRun;
import dev.tally.projections.it.Tables;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The deployable artefact itself: runs the handler from the shaded {@code -lambda.jar} in a fresh JVM
 * ({@link ShadedJarRun}: only the jar, the test classes and the shared test context on the classpath)
 * against the local DynamoDB endpoint, and checks that it writes the summary, reports the malformed record, and logs JSON without the image.
 */
class ShadedJarSmokeIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    @Test
    void lambdaJar_whenTheHandlerRunsFromIt_writesTheSummaryAndReportsTheMalformedRecordWithoutItsImage()
            throws Exception {
        DynamoDbClient client = DYNAMODB.client();
        Tables.create(client);
        assertThat(ShadedJarRun.lambdaJar()).exists();
        Map<String, String> env = new HashMap<>();
        env.putAll(DYNAMODB.environment());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("DEBTS_TABLE", Tables.DEBTS);
        env.put("SUMMARIES_TABLE", Tables.SUMMARIES);
        env.put("POWERTOOLS_SERVICE_NAME", "projections");
        env.put("AWS_XRAY_CONTEXT_MISSING", "IGNORE_ERROR");
        ShadedJarRun run = ShadedJarRun.run(ShadedJarProbe.class, env, Duration.ofSeconds(60));
        List<String> lines = run.lines();

        assertThat(run.exitValue()).as(run.output()).isZero();
        assertThat(lines).contains("FAILED_SEQUENCE_NUMBERS=[2]");
        StoredSummary stored = new DynamoDbSummaryStore(client, Tables.SUMMARIES)
                .find("user-smoke")
                .orElseThrow();
        assertThat(stored.summary().currencies().get("EUR").owedToMe()).isEqualTo(4_200);
        JsonNode unreadable = run.jsonLines().stream()
                .filter(line -> "ERROR".equals(line.path("level").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ERROR log line in:\n" + lines));
        assertThat(unreadable.path("message").asText())
                .contains("sequenceNumber=2")
                .contains("version");
        assertThat(unreadable.path("service").asText()).isEqualTo("projections");
        assertThat(run.output()).doesNotContain("secret description").doesNotContain("alice@example.com");
    }

    @Test
    void lambdaJar_whenBuilt_holdsOnlyTheUrlConnectionHttpClient() throws IOException {
        try (ZipFile jar = new ZipFile(ShadedJarRun.lambdaJar().toFile())) {
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();

            assertThat(entries).anyMatch(name -> name.startsWith("software/amazon/awssdk/http/urlconnection/"));
            assertThat(entries)
                    .noneMatch(name -> name.startsWith("org/apache/http/")
                            || name.startsWith("org/apache/hc/")
                            || name.startsWith("io/netty/")
                            || name.startsWith("software/amazon/awssdk/http/apache")
                            || name.startsWith("software/amazon/awssdk/http/nio/"));
        }
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
