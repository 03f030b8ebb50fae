package dev.tally.local.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.runtime.TestFunctionJar;
import dev.tally.local.runtime.lambda.ContainerLauncher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole local stack started from a template (src/test/resources/stack/template.yaml) that runs
 * the runtime's test functions: resources created as declared, intrinsics resolved to local values,
 * HTTP routes, the SQS and stream mappings, the Secrets Manager endpoint and the X-Ray sink.
 */
class LocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private LocalStack stack;
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();

    private StackOptions options(Path template) {
        return new StackOptions(
                template,
                TestFunctionJar.path().getParent(),
                0,
                data,
                false,
                null,
                null,
                "eu-west-1",
                "teststack",
                2,
                Duration.ofMinutes(5),
                ContainerLauncher.defaultJvmFlags(),
                new PrintStream(consoleBytes, true, StandardCharsets.UTF_8));
    }

    private static Path template() throws Exception {
        return Path.of(LocalStackIT.class.getResource("/stack/template.yaml").toURI());
    }

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.endpoints().get("API") + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void start_createsResources_resolvesEnvironment_andRunsEveryEventSource() throws Exception {
        Files.createDirectories(data.resolve("records"));
        stack = LocalStack.start(options(template()));
        LocalClients clients = new LocalClients(
                "eu-west-1", stack.endpoints().get("SQS"), stack.endpoints().get("DynamoDB"));

        JsonNode env = get("/env");
        assertThat(env.get("THINGS_TABLE").asText()).isEqualTo("teststack-things");
        assertThat(env.get("WORK_QUEUE_URL").asText())
                .startsWith(stack.endpoints().get("SQS").toString())
                .endsWith("/teststack-work.fifo");
        assertThat(env.get("SECRET_ARN").asText())
                .startsWith("arn:aws:secretsmanager:eu-west-1:000000000000:secret:Secret-");
        assertThat(env.get("STREAM_ARN").asText())
                .startsWith("arn:aws:dynamodb:eu-west-1:000000000000:table/teststack-things/stream/");
        assertThat(env.get("GREETING").asText()).isEqualTo("hello from teststack in eu-west-1");
        assertThat(env.get("AWS_ENDPOINT_URL_DYNAMODB").asText())
                .isEqualTo(stack.endpoints().get("DynamoDB").toString());
        // Lambda's defaults first, the template's own options last (so they win, as on Lambda); a flag once.
        assertThat(env.get("JAVA_TOOL_OPTIONS").asText())
                .isEqualTo("-Xshare:auto -XX:+UseSerialGC -XX:TieredStopAtLevel=1");

        // The secret: generated once, served over the Secrets Manager protocol.
        HttpResponse<String> secret = HTTP.send(
                HttpRequest.newBuilder(stack.endpoints().get("Secrets Manager"))
                        .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header(
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential=" + stack.functionAccessKeyId()
                                        + "/20261204/eu-west-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"SecretId\":\"" + env.get("SECRET_ARN").asText() + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(secret.body()).get("SecretString").asText())
                .hasSize(48)
                .matches("[A-Za-z0-9]+");

        // SQS mapping: FIFO queue from the template, to the worker.
        String queueUrl = env.get("WORK_QUEUE_URL").asText();
        clients.sqs()
                .sendMessage(r -> r.queueUrl(queueUrl)
                        .messageBody("job-1")
                        .messageGroupId("g")
                        .messageDeduplicationId("1"));
        Path worker = data.resolve("records/worker.txt");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(worker) && Files.readString(worker).contains("|job-1|"));

        // Stream mapping: a poison item is bisected out and described on the failures queue.
        clients.dynamoDb()
                .putItem(r -> r.tableName("teststack-things")
                        .item(Map.of("pk", AttributeValue.fromS("p1"), "mode", AttributeValue.fromS("poison"))));
        String failuresUrl = clients.sqs()
                .getQueueUrl(r -> r.queueName("teststack-failures"))
                .queueUrl();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !clients.sqs()
                        .receiveMessage(r -> r.queueUrl(failuresUrl))
                        .messages()
                        .isEmpty());

        // X-Ray: the segment a function sends lands in traces.jsonl with the invocation's trace id.
        String traceId = get("/trace").get("traceId").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(data.resolve("traces.jsonl"))
                        && Files.readString(data.resolve("traces.jsonl")).contains(traceId));
        List<String> reports = Files.readAllLines(data.resolve("reports.jsonl"));
        assertThat(reports).anyMatch(line -> line.contains("\"traceId\":\"" + traceId + "\""));
        // The runtime's own AWS::Lambda::Function segment: the function's segments hang under its id.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.readAllLines(data.resolve("traces.jsonl")).stream()
                        .anyMatch(line -> line.contains("\"origin\":\"AWS::Lambda::Function\"")
                                && line.contains(traceId)
                                && line.contains("\"name\":\"Invocation\"")));

        String console = consoleBytes.toString(StandardCharsets.UTF_8);
        assertThat(console)
                .contains(
                        "Route           GET /things/{id} -> EchoFunction",
                        "Not emulated    AWS::Logs::LogGroup: no local effect: EchoLogGroup",
                        "Not emulated    Policies (not enforced locally): EchoFunction");
        List<Long> pids = stack.lambda().containerPids();
        assertThat(pids).isNotEmpty();
        clients.close();
        stack.close();
        assertThat(pids)
                .allMatch(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        stack = null;
    }

    private String secretValue() throws Exception {
        String arn = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:Secret-";
        HttpResponse<String> unsigned = HTTP.send(
                HttpRequest.newBuilder(stack.endpoints().get("Secrets Manager"))
                        .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"Secret\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(stack.endpoints().get("Secrets Manager"))
                        .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                        .header(
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential=" + stack.functionAccessKeyId()
                                        + "/20261204/eu-west-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"Secret\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode secret = JSON.readTree(response.body());
        assertThat(secret.get("ARN").asText()).startsWith(arn);
        return secret.get("SecretString").asText();
    }

    private boolean itemExists(LocalClients clients) {
        return clients.dynamoDb()
                .getItem(r -> r.tableName("teststack-things").key(Map.of("pk", AttributeValue.fromS("kept"))))
                .hasItem();
    }

    @Test
    void dataDirectory_keepsTablesAndSecretsAcrossRestarts_unlessFresh() throws Exception {
        stack = LocalStack.start(options(template()));
        String secret = secretValue();
        try (LocalClients clients = new LocalClients(
                "eu-west-1", stack.endpoints().get("SQS"), stack.endpoints().get("DynamoDB"))) {
            clients.dynamoDb()
                    .putItem(r -> r.tableName("teststack-things").item(Map.of("pk", AttributeValue.fromS("kept"))));
        }
        stack.close();

        stack = LocalStack.start(options(template()));
        assertThat(secretValue()).isEqualTo(secret);
        try (LocalClients clients = new LocalClients(
                "eu-west-1", stack.endpoints().get("SQS"), stack.endpoints().get("DynamoDB"))) {
            assertThat(itemExists(clients)).isTrue();
        }
        stack.close();

        StackOptions fresh = options(template());
        stack = LocalStack.start(new StackOptions(
                fresh.templateFile(),
                fresh.codeRoot(),
                0,
                data,
                true,
                null,
                null,
                fresh.region(),
                fresh.stackName(),
                2,
                fresh.idleTimeout(),
                fresh.jvmFlags(),
                fresh.console()));
        assertThat(secretValue()).isNotEqualTo(secret);
        try (LocalClients clients = new LocalClients(
                "eu-west-1", stack.endpoints().get("SQS"), stack.endpoints().get("DynamoDB"))) {
            assertThat(itemExists(clients)).isFalse();
        }
    }

    @Test
    void externalEndpoints_replaceTheEmbeddedServices() throws Exception {
        try (var dynamoDb = dev.tally.local.dynamodb.EmbeddedDynamoDb.builder()
                        .port(0)
                        .region("eu-west-1")
                        .start();
                var sqs = dev.tally.local.runtime.sqs.EmbeddedSqs.start(0, "eu-west-1", "000000000000")) {
            StackOptions base = options(template());
            stack = LocalStack.start(new StackOptions(
                    base.templateFile(),
                    base.codeRoot(),
                    0,
                    data,
                    false,
                    dynamoDb.endpoint(),
                    sqs.endpoint(),
                    base.region(),
                    base.stackName(),
                    2,
                    base.idleTimeout(),
                    base.jvmFlags(),
                    base.console()));

            assertThat(stack.endpoints().get("DynamoDB")).isEqualTo(dynamoDb.endpoint());
            assertThat(stack.endpoints().get("SQS")).isEqualTo(sqs.endpoint());
            try (LocalClients clients = new LocalClients("eu-west-1", sqs.endpoint(), dynamoDb.endpoint())) {
                assertThat(clients.dynamoDb().listTables().tableNames()).contains("teststack-things");
                assertThat(clients.sqs().listQueues().queueUrls())
                        .anyMatch(url -> url.endsWith("/teststack-work.fifo"));
            }
            stack.close();
            stack = null;
        }
    }

    @Test
    void start_whenTemplateUsesUnsupportedParts_failsNamingEachOne() throws Exception {
        String text = Files.readString(template())
                        .replace(
                                "StartingPosition: TRIM_HORIZON",
                                "StartingPosition: TRIM_HORIZON\n            TumblingWindowInSeconds: 60")
                + "\n  Topic:\n    Type: AWS::StepFunctions::StateMachine\n    Properties: {}\n";
        Path broken = data.resolve("broken.yaml");
        Files.writeString(broken, text);

        assertThatThrownBy(() -> LocalStack.start(options(broken)))
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessageContaining(
                        "Resources.ProjectorFunction.Properties.Events.Changes.Properties.TumblingWindowInSeconds")
                .hasMessageContaining(
                        "Resources.Topic: resource type AWS::StepFunctions::StateMachine is not supported");
    }
}
