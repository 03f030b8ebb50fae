package dev.tally.local.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue 14, suite 1 — adversarial limits end to end: this repository's stack ({@link RepositoryStack},
 * the packaged functions in their containers, ElasticMQ, the embedded DynamoDB with streams) driven
 * over HTTP by three users at once:
 *
 * <ul>
 *   <li><b>maximum amounts</b>: an amount one cent over the maximum (400), two open debts of the
 *       maximum ({@code 1000000000000.00 EUR}, ADR 0142), then 199 payments on one of them whose
 *       notes are 500 astral-plane characters (2,000 UTF-8 bytes each; the ones that would pass
 *       400 KB are REJECTED {@code DEBT_TOO_LARGE}, ADR 0140);
 *   <li><b>long counterparties</b>: 500 open debts, each with a distinct 200-code-point astral-plane
 *       counterparty (about 400 KB of names: the summary item drops its counterparty detail, ADR 0147);
 *   <li><b>a status-filtered listing over 10,000 debts</b> ({@code ?status=CANCELLED}, 11 matches;
 *       ADR 0143). The 10,000 debts are copies, written to the debts table with the SDK, of a settled
 *       and a cancelled debt made through the API (10,000 commands through the API would take
 *       minutes); their stream records reach the projection like any other.
 * </ul>
 *
 * <p>Then: every command reaches a terminal status; the commands DLQ and the projection-failures
 * queue are empty; no answer was a 5xx; every user's summary equals what their debts add up to;
 * {@code tally ops projection rebuild --all} (module {@code ops}, in this JVM) completes against the
 * stack, and {@code projection verify --all} finds every user clean.
 */
class AdversarialLimitsEndToEndIT {

    private static final String MAXIMUM = "1000000000000.00";
    private static final String ASTRAL = "\uD83D\uDE00"; // U+1F600, 4 bytes in UTF-8
    private static final int PAYMENTS = 199;
    private static final int COUNTERPARTIES = 500;
    private static final int FILTERED_DEBTS = 10_000;

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static LocalClients clients;
    private static ApiCalls api;

    /** Every 5xx the API answered, by request and status ("no 500" is checked over all of them). */
    private final Map<String, Integer> serverErrors = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTally() throws IOException {
        stack = RepositoryStack.startInProcess(data);
        clients = RepositoryStack.clients(stack);
        api = new ApiCalls(stack.endpoints().get("API"));
    }

    @AfterAll
    static void stopTally() {
        RepositoryStack.stop(stack, clients);
    }

    /**
     * One request, with an {@code Idempotency-Key} that its retries keep. A 500 (the function failed)
     * is recorded for the final "no 500" check; a 502/503/504 (the gateway: a cold container that
     * passed its init timeout on this shared machine, as API Gateway answers) is retried, as a client
     * would, and counted.
     */
    private HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            HttpResponse<String> response = api.call(method, path, token, body, key);
            int status = response.statusCode();
            if (status >= 500) {
                serverErrors.merge(
                        method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}") + " -> " + status, 1, Integer::sum);
            }
            if (status < 502 || status > 504 || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(1000);
        }
    }

    /** Submits a command; its id (the 202's), or fails on any other answer. */
    private String submit(String token, String method, String path, String body, List<String> commandIds)
            throws IOException, InterruptedException {
        JsonNode accepted = ApiCalls.expect(call(method, path, token, body), 202);
        commandIds.add(accepted.get("commandId").asText());
        return accepted.get("debtId").asText();
    }

    private static String createBody(String counterparty, String direction, String amount) {
        return ApiCalls.json(Map.of(
                "counterparty", Map.of("name", counterparty),
                "direction", direction,
                "amount", Map.of("amount", amount, "currency", "EUR")));
    }

    /** Waits until every command is APPLIED or REJECTED; the terminal status (with reason) of each. */
    private Map<String, String> awaitTerminal(String token, List<String> commandIds) {
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (String id : commandIds) {
                        if (!outcomes.containsKey(id)) {
                            JsonNode status = ApiCalls.expect(call("GET", "/commands/" + id, token, null), 200);
                            switch (status.get("status").asText()) {
                                case "APPLIED" -> outcomes.put(id, "APPLIED");
                                case "REJECTED" ->
                                    outcomes.put(
                                            id,
                                            "REJECTED " + status.path("reason").asText());
                                default -> {}
                            }
                        }
                    }
                    assertThat(outcomes).as("terminal commands").hasSameSizeAs(commandIds);
                });
        return outcomes;
    }

    private int messages(String queueName) {
        return QueueDepth.of(
                clients, clients.sqs().getQueueUrl(r -> r.queueName(queueName)).queueUrl());
    }

    /** Writes copies of the user's settled and cancelled debt (every 1,000th a cancelled one); the cancelled ids. */
    private Set<String> copyDebts(String userId, String settledId, String cancelledId, int copies) {
        Map<String, AttributeValue> settled = debtItem(userId, settledId);
        Map<String, AttributeValue> cancelled = debtItem(userId, cancelledId);
        assertThat(settled.get("status").s()).isEqualTo("SETTLED");
        assertThat(cancelled.get("status").s()).isEqualTo("CANCELLED");
        Set<String> cancelledIds = new HashSet<>(Set.of(cancelledId));
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            String id = UUID.randomUUID().toString();
            Map<String, AttributeValue> item = new HashMap<>(i % 1000 == 0 ? cancelled : settled);
            item.put("debtId", AttributeValue.fromS(id));
            if (i % 1000 == 0) {
                cancelledIds.add(id);
            }
            batch.add(WriteRequest.builder().putRequest(r -> r.item(item)).build());
            if (batch.size() == 25 || i == copies - 1) {
                List<WriteRequest> requests = List.copyOf(batch);
                var result = clients.dynamoDb().batchWriteItem(r -> r.requestItems(Map.of("tally-debts", requests)));
                assertThat(result.unprocessedItems()).isEmpty();
                batch.clear();
            }
        }
        return cancelledIds;
    }

    private Map<String, AttributeValue> debtItem(String userId, String debtId) {
        return clients.dynamoDb()
                .getItem(r -> r.tableName("tally-debts")
                        .consistentRead(true)
                        .key(Map.of("userId", AttributeValue.fromS(userId), "debtId", AttributeValue.fromS(debtId))))
                .item();
    }

    private static String userId(String token) {
        String payload = token.split("\\.")[1];
        return ApiCalls.tree(new String(
                        java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8))
                .get("sub")
                .asText();
    }

    private static String ops(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--endpoint", stack.endpoints().get("DynamoDB").toString(),
                "--region", "us-east-1",
                "--debts-table", "tally-debts",
                "--summaries-table", "tally-summaries"));
        int exit = dev.tally.ops.Main.run(
                all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit)
                .as("tally ops " + String.join(" ", args) + "\nout: " + out + "\nerr: " + err)
                .isZero();
        return out.toString();
    }

    @Test
    void maximumAmounts_longAstralNotesAndNames_tenThousandDebts_everyCommandTerminal_nothingFailed_rebuildCompletes()
            throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String name : List.of("maximal", "names", "many")) {
            tokens.put(name, api.login(api.register(name)));
        }
        Map<String, List<String>> commands = new ConcurrentHashMap<>();
        tokens.keySet().forEach(name -> commands.put(name, Collections.synchronizedList(new ArrayList<>())));
        String maximal = tokens.get("maximal");
        String names = tokens.get("names");
        String many = tokens.get("many");

        // an amount over the maximum is the client's error, never the server's
        assertThat(call("POST", "/debts", maximal, createBody("Too much", "OWED_TO_ME", "1000000000000.01"))
                        .statusCode())
                .isEqualTo(400);

        List<Thread> users = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        String[] maximalDebt = new String[1];
        String[] manyDebts = new String[2];
        users.add(new Thread(() -> run(failures, () -> {
            List<String> ids = commands.get("maximal");
            maximalDebt[0] = submit(maximal, "POST", "/debts", createBody("Max one", "OWED_TO_ME", MAXIMUM), ids);
            submit(maximal, "POST", "/debts", createBody("Max two", "OWED_TO_ME", MAXIMUM), ids);
            String note = ASTRAL.repeat(500);
            for (int i = 0; i < PAYMENTS; i++) {
                submit(
                        maximal,
                        "POST",
                        "/debts/" + maximalDebt[0] + "/payments",
                        ApiCalls.json(Map.of("amount", Map.of("amount", "0.01", "currency", "EUR"), "note", note)),
                        ids);
            }
        })));
        users.add(new Thread(() -> run(failures, () -> {
            for (int i = 0; i < COUNTERPARTIES; i++) {
                String name = String.format("%03d", i) + ASTRAL.repeat(197);
                submit(
                        names,
                        "POST",
                        "/debts",
                        createBody(name, i % 2 == 0 ? "OWED_TO_ME" : "OWED_BY_ME", "1.00"),
                        commands.get("names"));
            }
        })));
        users.add(new Thread(() -> run(failures, () -> {
            List<String> ids = commands.get("many");
            manyDebts[0] = submit(many, "POST", "/debts", createBody("Settled", "OWED_TO_ME", "5.00"), ids);
            manyDebts[1] = submit(many, "POST", "/debts", createBody("Cancelled", "OWED_BY_ME", "7.00"), ids);
            submit(many, "POST", "/debts", createBody("Open", "OWED_BY_ME", "3.00"), ids);
            submit(many, "POST", "/debts/" + manyDebts[0] + "/settle", "{}", ids);
            submit(many, "DELETE", "/debts/" + manyDebts[1], null, ids);
        })));
        users.forEach(Thread::start);
        for (Thread user : users) {
            user.join();
        }
        assertThat(failures).as("submissions").isEmpty();

        Map<String, String> maximalOutcomes = awaitTerminal(maximal, commands.get("maximal"));
        Map<String, String> manyOutcomes = awaitTerminal(many, commands.get("many"));
        assertThat(manyOutcomes.values()).containsOnly("APPLIED");
        Set<String> cancelled = copyDebts(userId(many), manyDebts[0], manyDebts[1], FILTERED_DEBTS - 3);
        Map<String, String> namesOutcomes = awaitTerminal(names, commands.get("names"));

        // maximum amounts: both debts applied; the payments that fit applied, the rest DEBT_TOO_LARGE, nothing else
        List<String> maximalIds = commands.get("maximal");
        assertThat(maximalOutcomes.get(maximalIds.get(0))).isEqualTo("APPLIED");
        assertThat(maximalOutcomes.get(maximalIds.get(1))).isEqualTo("APPLIED");
        assertThat(maximalOutcomes.values()).containsOnly("APPLIED", "REJECTED DEBT_TOO_LARGE");
        long paymentsApplied =
                maximalOutcomes.values().stream().filter("APPLIED"::equals).count() - 2;
        JsonNode maximalDebtView = ApiCalls.expect(call("GET", "/debts/" + maximalDebt[0], maximal, null), 200);
        assertThat(maximalDebtView.get("payments").size()).isEqualTo((int) paymentsApplied);
        assertThat(ApiCalls.money(maximalDebtView.get("outstanding")))
                .isEqualByComparingTo(new BigDecimal(MAXIMUM)
                        .subtract(new BigDecimal("0.01").multiply(BigDecimal.valueOf(paymentsApplied))));
        // long counterparties: every debt applied
        assertThat(namesOutcomes.values()).containsOnly("APPLIED");

        // the filtered listing over 10,000 debts: every cancelled one, each once, page by page
        List<JsonNode> listed = api.allDebts(many, "CANCELLED", 100);
        assertThat(listed.stream().map(debt -> debt.get("debtId").asText()))
                .containsExactlyInAnyOrderElementsOf(cancelled);

        for (var user : tokens.entrySet()) {
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(api.eurSummaryDifference(user.getValue()))
                            .as("the summary of " + user.getKey() + " against their debts")
                            .isNull());
        }
        JsonNode namesSummary = ApiCalls.expect(call("GET", "/summary", names, null), 200);
        assertThat(namesSummary.get("counterparties"))
                .as("500 distinct long names pass the summary item's budget: detail dropped, totals kept (ADR 0147)")
                .isEmpty();

        assertThat(messages("tally-commands-dlq.fifo"))
                .as("messages in the commands DLQ")
                .isZero();
        assertThat(messages("tally-projection-failures"))
                .as("messages in projection-failures")
                .isZero();

        System.setProperty("aws.accessKeyId", LocalClients.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalClients.SECRET_ACCESS_KEY);
        String rebuilt = ops("projection", "rebuild", "--all");
        String verified = ops("projection", "verify", "--all");
        assertThat(verified).contains("diverged=0 failed=0");
        for (var user : tokens.entrySet()) {
            assertThat(api.eurSummaryDifference(user.getValue()))
                    .as("the summary of " + user.getKey() + " after the rebuild")
                    .isNull();
        }
        assertThat(serverErrors.keySet())
                .as("answers 500 (502-504 from the gateway were retried with the same key and are only counted)")
                .noneMatch(request -> request.endsWith("-> 500"));
        System.out.printf(
                "adversarial limits: %d payments applied, %d DEBT_TOO_LARGE; %d long counterparties; %d cancelled of %d"
                        + " debts listed; gateway answers retried: %s; rebuild: %s; verify: %s%n",
                paymentsApplied,
                PAYMENTS - paymentsApplied,
                COUNTERPARTIES,
                listed.size(),
                FILTERED_DEBTS,
                serverErrors,
                rebuilt.strip().replace('\n', ' '),
                verified.strip().replace('\n', ' '));
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void run(List<Throwable> failures, Body body) {
        try {
            body.run();
        } catch (Throwable failure) {
            failures.add(failure);
        }
    }
}
