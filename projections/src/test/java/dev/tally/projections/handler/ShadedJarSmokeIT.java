package dev.tally.projections.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.events.TallyJson;
import dev.tally.projections.it.Tables;
import dev.tally.common.store.DynamoDbSummaryStore;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The deployable artefact itself: runs the handler from the shaded {@code -lambda.jar} in a fresh JVM
 * (only the jar and the test classes on the classpath) against the local DynamoDB endpoint, and checks
 * that it writes the summary, reports the malformed record, and logs JSON without the image.
 */
class ShadedJarSmokeIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    @Test
    void lambdaJar_whenTheHandlerRunsFromIt_writesTheSummaryAndReportsTheMalformedRecordWithoutItsImage() throws Exception {
        DynamoDbClient client = DYNAMODB.client();
        Tables.create(client);
        Path jar = Path.of(System.getProperty("lambdaJar"));
        assertThat(jar).exists();
        Path output = Files.createTempFile("projection-smoke", ".log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-cp",
                jar + File.pathSeparator + System.getProperty("testClasses"), ShadedJarProbe.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(DYNAMODB.environment());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("DEBTS_TABLE", Tables.DEBTS);
        env.put("SUMMARIES_TABLE", Tables.SUMMARIES);
        env.put("POWERTOOLS_SERVICE_NAME", "projections");
        env.put("AWS_XRAY_CONTEXT_MISSING", "IGNORE_ERROR");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).contains("FAILED_SEQUENCE_NUMBERS=[2]");
        StoredSummary stored = new DynamoDbSummaryStore(client, Tables.SUMMARIES).find("user-smoke").orElseThrow();
        assertThat(stored.summary().currencies().get("EUR").owedToMe()).isEqualTo(4_200);
        JsonNode unreadable = jsonLines(lines).stream()
                .filter(line -> "ERROR".equals(line.path("level").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no ERROR log line in:\n" + lines));
        assertThat(unreadable.path("message").asText()).contains("sequenceNumber=2").contains("version");
        assertThat(unreadable.path("service").asText()).isEqualTo("projections");
        assertThat(String.join("\n", lines)).doesNotContain("secret description").doesNotContain("alice@example.com");
    }

    @Test
    void lambdaJar_whenBuilt_holdsOnlyTheUrlConnectionHttpClient() throws IOException {
        try (ZipFile jar = new ZipFile(System.getProperty("lambdaJar"))) {
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();

            assertThat(entries).anyMatch(name -> name.startsWith("software/amazon/awssdk/http/urlconnection/"));
            assertThat(entries).noneMatch(name -> name.startsWith("org/apache/http/") || name.startsWith("org/apache/hc/")
                    || name.startsWith("io/netty/") || name.startsWith("software/amazon/awssdk/http/apache")
                    || name.startsWith("software/amazon/awssdk/http/nio/"));
        }
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
