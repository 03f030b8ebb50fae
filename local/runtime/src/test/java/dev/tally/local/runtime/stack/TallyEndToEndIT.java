package dev.tally.local.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.runtime.lambda.ContainerLauncher;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Tally end to end: the stack started from the repository's own {@code template.yaml} with the
 * function jars the build packaged, driven over HTTP as a client app would (the API contract of
 * docs/ARCHITECTURE.md): two users, debts in two currencies, payments, an overpayment, a settle, a
 * cancel, command status polling and summaries — every number checked; plus a poison message that
 * must end in the DLQ and a failing stream batch that must reach the projection failure queue.
 *
 * <p>It needs the function modules' lambda jars with their handlers. Until those modules are
 * built (they land in other branches), it is skipped with a message naming what is missing.
 */
class TallyEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> HANDLERS = Map.of(
            "api/target/tally-api-0.1.0-SNAPSHOT-lambda.jar", "dev/tally/api/handler/QueryHandler.class",
            "commands/target/tally-commands-0.1.0-SNAPSHOT-lambda.jar", "dev/tally/commands/handler/CommandWorkerHandler.class",
            "projections/target/tally-projections-0.1.0-SNAPSHOT-lambda.jar",
            "dev/tally/projections/handler/SummaryProjectionHandler.class");

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static LocalClients clients;
    private static URI api;

    @BeforeAll
    static void startTally() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("template.yaml"))) {
            root = root.getParent();
        }
        Assumptions.assumeTrue(root != null, "no template.yaml above " + Path.of("").toAbsolutePath());
        List<String> missing = new ArrayList<>();
        for (var entry : HANDLERS.entrySet()) {
            Path jar = root.resolve(entry.getKey());
            if (!Files.isRegularFile(jar)) {
                missing.add(entry.getKey());
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getEntry(entry.getValue()) == null) {
                    missing.add(entry.getKey() + "!" + entry.getValue());
                }
            }
        }
        Assumptions.assumeTrue(missing.isEmpty(), "function modules not built yet, missing: " + missing);
        stack = LocalStack.start(new StackOptions(root.resolve("template.yaml"), root, 0, data, false, null, null,
                "us-east-1", "tally", 2, Duration.ofMinutes(10), ContainerLauncher.defaultJvmFlags(), System.out));
        api = stack.endpoints().get("API");
        clients = new LocalClients("us-east-1", stack.endpoints().get("SQS"), stack.endpoints().get("DynamoDB"));
    }

    @AfterAll
    static void stopTally() {
        if (clients != null) {
            clients.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static String user(String name) throws Exception {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        ok(call("POST", "/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\",\"displayName\":\"" + name + "\"}"), 201);
        JsonNode login = ok(call("POST", "/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}"), 200);
        assertThat(login.get("tokenType").asText()).isEqualTo("Bearer");
        return login.get("accessToken").asText();
    }

    /** Submits a command, waits for its outcome, returns the final status document. */
    private static JsonNode command(String token, String method, String path, String body) throws Exception {
        JsonNode accepted = ok(call(method, path, token, body), 202);
        assertThat(accepted.get("status").asText()).isEqualTo("ACCEPTED");
        String commandId = accepted.get("commandId").asText();
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            status[0] = ok(call("GET", "/commands/" + commandId, token, null), 200);
            return !status[0].get("status").asText().equals("ACCEPTED");
        });
        ((com.fasterxml.jackson.databind.node.ObjectNode) status[0]).put("debtId", accepted.get("debtId").asText());
        return status[0];
    }

    private static String debt(String token, String direction, String name, String amount, String currency) throws Exception {
        JsonNode status = command(token, "POST", "/debts", "{\"counterparty\":{\"name\":\"" + name + "\"},\"direction\":\""
                + direction + "\",\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\"}}");
        assertThat(status.get("status").asText()).isEqualTo("APPLIED");
        return status.get("debtId").asText();
    }

    private static BigDecimal money(JsonNode node) {
        JsonNode value = node.isObject() ? node.get("amount") : node;
        return new BigDecimal(value.asText());
    }

    /** Waits until the user's summary for the currency has these totals (the projection is asynchronous). */
    private static void awaitSummary(String token, String currency, String owedByMe, String owedToMe, int openCount) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode totals = ok(call("GET", "/summary", token, null), 200).at("/currencies/" + currency);
            assertThat(totals.isMissingNode()).as("summary has " + currency).isFalse();
            assertThat(money(totals.get("owedByMe"))).isEqualByComparingTo(owedByMe);
            assertThat(money(totals.get("owedToMe"))).isEqualByComparingTo(owedToMe);
            assertThat(money(totals.get("net"))).isEqualByComparingTo(new BigDecimal(owedToMe).subtract(new BigDecimal(owedByMe)));
            assertThat(totals.get("openCount").asInt()).isEqualTo(openCount);
        });
    }

    @Test
    void twoUsers_debtsInTwoCurrencies_everyNumberAddsUp() throws Exception {
        String alice = user("alice");
        String bob = user("bob");

        String lunch = debt(alice, "OWED_TO_ME", "Bob", "100.00", "EUR");
        String sushi = debt(alice, "OWED_BY_ME", "Carol", "5000", "JPY");
        assertThat(command(alice, "POST", "/debts/" + lunch + "/payments",
                "{\"amount\":{\"amount\":\"30.00\",\"currency\":\"EUR\"}}").get("status").asText()).isEqualTo("APPLIED");
        JsonNode overpayment = command(alice, "POST", "/debts/" + lunch + "/payments",
                "{\"amount\":{\"amount\":\"100.00\",\"currency\":\"EUR\"}}");
        assertThat(overpayment.get("status").asText()).isEqualTo("REJECTED");
        assertThat(overpayment.get("reason").asText()).isEqualTo("OVERPAYMENT");
        assertThat(command(alice, "POST", "/debts/" + sushi + "/payments",
                "{\"amount\":{\"amount\":\"2000\",\"currency\":\"JPY\"}}").get("status").asText()).isEqualTo("APPLIED");
        String tickets = debt(alice, "OWED_TO_ME", "Dave", "12.50", "EUR");
        assertThat(command(alice, "POST", "/debts/" + tickets + "/settle", "{}").get("status").asText()).isEqualTo("APPLIED");
        String taxi = debt(alice, "OWED_BY_ME", "Eve", "40.00", "EUR");
        assertThat(command(alice, "DELETE", "/debts/" + taxi, null).get("status").asText()).isEqualTo("APPLIED");
        debt(bob, "OWED_BY_ME", "Alice", "20.00", "EUR");

        awaitSummary(alice, "EUR", "0", "70.00", 1);
        awaitSummary(alice, "JPY", "3000", "0", 1);
        awaitSummary(bob, "EUR", "20.00", "0", 1);
        JsonNode lunchView = ok(call("GET", "/debts/" + lunch, alice, null), 200);
        assertThat(lunchView.get("status").asText()).isEqualTo("OPEN");
        assertThat(ok(call("GET", "/debts/" + tickets, alice, null), 200).get("status").asText()).isEqualTo("SETTLED");
        assertThat(ok(call("GET", "/debts/" + taxi, alice, null), 200).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(call("GET", "/debts/" + lunch, bob, null).statusCode()).as("another user's debt").isEqualTo(404);

        // Cold starts: each worker container's first REPORT has an Init Duration, its later (warm) ones none.
        List<JsonNode> worker = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("reports.jsonl"))) {
            JsonNode report = JSON.readTree(line);
            if (report.get("functionName").asText().equals("CommandWorkerFunction")) {
                worker.add(report);
            }
        }
        assertThat(worker).anyMatch(r -> r.get("coldStart").asBoolean() && r.get("initDurationMs").asDouble() > 0);
        assertThat(worker).anyMatch(r -> !r.get("coldStart").asBoolean() && r.get("initDurationMs").isNull());
        assertThat(worker.stream().filter(r -> r.get("coldStart").asBoolean()).map(r -> r.get("containerId").asText()))
                .doesNotHaveDuplicates();
    }

    @Test
    void poisonMessage_endsInDeadLetterQueue() throws Exception {
        String queueUrl = clients.sqs().getQueueUrl(r -> r.queueName("tally-commands.fifo")).queueUrl();
        String dlqUrl = clients.sqs().getQueueUrl(r -> r.queueName("tally-commands-dlq.fifo")).queueUrl();
        clients.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody("this is not a command envelope")
                .messageGroupId("poison").messageDeduplicationId(UUID.randomUUID().toString()));

        await().atMost(Duration.ofMinutes(2)).until(() -> Integer.parseInt(clients.sqs().getQueueAttributes(r -> r
                .queueUrl(dlqUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)) >= 1);
    }

    @Test
    void failingStreamBatch_reachesProjectionFailureQueue() throws Exception {
        // A debts item the projection cannot read (no currency, no amounts): its stream batch fails until discarded.
        clients.dynamoDb().putItem(r -> r.tableName("tally-debts").item(Map.of(
                "userId", AttributeValue.fromS("broken-" + UUID.randomUUID()), "debtId", AttributeValue.fromS("broken"),
                "version", AttributeValue.fromS("not a number"))));
        String failures = clients.sqs().getQueueUrl(r -> r.queueName("tally-projection-failures")).queueUrl();

        List<JsonNode> records = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            clients.sqs().receiveMessage(r -> r.queueUrl(failures)).messages()
                    .forEach(message -> records.add(readTree(message.body())));
            return !records.isEmpty();
        });
        assertThat(records.get(0).at("/DDBStreamBatchInfo/streamArn").asText()).contains("table/tally-debts/stream/");
        assertThat(records.get(0).at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
