package dev.tally.api.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.testing.ApiTables;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.testing.FifoQueues;
import dev.tally.common.testing.LocalAws;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.LocalSqs;
import dev.tally.common.testing.MotoServer;
import dev.tally.common.testing.ShadedJarRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The deployable artefact itself: both api handlers run from the shaded {@code -lambda.jar} in a
 * fresh JVM ({@link ShadedJarRun}: only the jar, the test classes and the shared test context on the
 * classpath), configured like Lambda through the environment, the signing key in Secrets Manager
 * (moto), DynamoDB and SQS local. Checks the answers, that Powertools JSON logging works from the shaded jar, and that no password or token
 * reaches the logs.
 */
class ShadedJarSmokeIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    @RegisterExtension
    static final LocalSqs SQS = new LocalSqs();

    @Test
    void lambdaJar_runsRegisterLoginAndSubmitWithJsonLogsAndNoSecrets() throws Exception {
        assertThat(jar("auth")).exists();
        try (MotoServer secretsManager = MotoServer.start()) {
            AwsClients aws = LocalAws.clients(LocalAws.environment(
                    DYNAMODB.environment(),
                    Map.of(
                            "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                            secretsManager.endpoint().toString())));
            byte[] key = new byte[48];
            new SecureRandom().nextBytes(key);
            String secretArn;
            try (var secrets = aws.secretsManager();
                    var dynamoDb = aws.dynamoDb()) {
                secretArn = secrets.createSecret(create -> create.name("smoke-jwt")
                                .secretString(Base64.getEncoder().encodeToString(key)))
                        .arn();
                ApiTables.createUsersTable(dynamoDb, "smoke-users");
                ApiTables.createLoginAttemptsTable(dynamoDb, "smoke-login-attempts");
                ApiTables.createCommandsTable(dynamoDb, "smoke-commands");
            }
            FifoQueues queues =
                    SQS.createFifoQueueWithDeadLetterQueue("smoke-commands.fifo", "smoke-commands-dlq.fifo", 5, 180);

            Map<String, String> env = new HashMap<>();
            env.put("AWS_REGION", LocalAws.REGION);
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            env.put("AWS_ENDPOINT_URL_DYNAMODB", DYNAMODB.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_SQS", SQS.endpoint().toString());
            env.put(
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                    secretsManager.endpoint().toString());
            env.put("USERS_TABLE", "smoke-users");
            env.put("LOGIN_ATTEMPTS_TABLE", "smoke-login-attempts");
            env.put("COMMANDS_TABLE", "smoke-commands");
            env.put("DEBTS_TABLE", "smoke-debts"); // QueryFunction's configuration; the probe reads a command only
            env.put("SUMMARIES_TABLE", "smoke-summaries");
            env.put("COMMANDS_QUEUE_URL", queues.queueUrl());
            env.put("JWT_SECRET_ARN", secretArn);
            env.put("JWT_ISSUER", "https://tally.local");
            env.put("JWT_AUDIENCE", "tally-api");
            env.put("POWERTOOLS_SERVICE_NAME", "tally-api");
            env.put("AWS_XRAY_CONTEXT_MISSING", "IGNORE_ERROR");
            Path tokenFile = Files.createTempFile("smoke-token", ".txt");
            ShadedJarRun auth = ShadedJarRun.run(
                    jar("auth"), ShadedJarProbe.class, env, Duration.ofSeconds(120), "auth", tokenFile.toString());
            ShadedJarRun submission = ShadedJarRun.run(
                    jar("submission"),
                    ShadedJarProbe.class,
                    env,
                    Duration.ofSeconds(120),
                    "submission",
                    tokenFile.toString());
            ShadedJarRun query = ShadedJarRun.run(
                    jar("query"), ShadedJarProbe.class, env, Duration.ofSeconds(120), "query", tokenFile.toString());
            Files.delete(tokenFile);
            List<String> lines = new ArrayList<>(auth.lines());
            lines.addAll(submission.lines());
            lines.addAll(query.lines());
            String all = String.join("\n", lines);

            assertThat(List.of(auth.exitValue(), submission.exitValue(), query.exitValue()))
                    .as(all)
                    .containsOnly(0);
            assertThat(lines)
                    .contains("REGISTER=201", "LOGIN=200", "CREATE=202 LOCATION=/commands/smoke-1", "COMMAND=200");
            List<JsonNode> logs = auth.jsonLines();
            assertThat(logs).as(all).anySatisfy(log -> {
                assertThat(log.path("loggerName").asText()).isEqualTo("dev.tally.api.auth.AuthService");
                assertThat(log.path("service").asText()).isEqualTo("tally-api");
                assertThat(log.path("functionName").asText()).isEqualTo("AuthFunction");
            });
            assertThat(all)
                    .doesNotContain(ShadedJarProbe.PASSWORD)
                    .doesNotContain("eyJ")
                    .doesNotContain("pbkdf2-sha256");
            try (SqsClient sqs = SQS.client()) {
                List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queues.queueUrl())
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(5))
                        .messages();
                assertThat(messages).hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth", "query", "submission"})
    void lambdaJar_carriesNoApacheOrNettyHttpClientAndNoTestInfrastructure(String function) throws IOException {
        try (ZipFile jar = new ZipFile(jar(function).toFile())) {
            List<String> unwanted = jar.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("org/apache/http/")
                            || name.startsWith("io/netty/")
                            || name.startsWith("software/amazon/awssdk/http/apache")
                            || name.startsWith("software/amazon/awssdk/http/nio/")
                            || name.startsWith("dev/tally/local/"))
                    .toList();
            assertThat(unwanted).isEmpty();
            assertThat(jar.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"))
                    .isNotNull();
            assertThat(jar.getEntry("dev/tally/api/handler/AuthHandler.class")).isNotNull();
            // Only the submission function sends to SQS (ADR 0107).
            assertThat(jar.getEntry("software/amazon/awssdk/services/sqs/SqsClient.class") != null)
                    .isEqualTo(function.equals("submission"));
        }
    }

    /**
     * Build-time jar budget (ADR 0104, "Jar sizes"): the target is 10 MB per function jar;
     * what is reached today is recorded there, and this ceiling keeps it from growing back. The
     * trimmed entries must stay out: unused Lambda event classes, Maven metadata (joda-time stays: ADR 0064).
     */
    @ParameterizedTest
    @ValueSource(strings = {"auth", "query", "submission"})
    void lambdaJar_staysWithinItsSizeCeilingAndCarriesNoTrimmedClasses(String function) throws Exception {
        ShadedJarRun.assertLambdaJarWithinBudget(jar(function));
    }

    /** The function's jar, from the failsafe system property {@code <function>LambdaJar}. */
    private static Path jar(String function) {
        return Path.of(System.getProperty(function + "LambdaJar"));
    }
}
