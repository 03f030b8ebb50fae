package dev.tally.local.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.common.domain.Debt;
import dev.tally.common.store.AppliedVersions;
import dev.tally.common.store.DynamoDbDebtSource;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.ItemSize;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryItem;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue 14, suite 1 — adversarial limits end to end: this repository's stack ({@link RepositoryStack},
 * the packaged functions in their containers, the embedded SQS, the embedded DynamoDB with streams) driven
 * over HTTP by three users at once:
 *
 * <ul>
 *   <li><b>maximum amounts</b>: an amount one cent over the maximum (400), two open debts of the
 *       maximum ({@code 1000000000000.00 EUR}, ADR 0142), then 199 payments on one of them whose
 *       notes are 500 astral-plane characters (2,000 UTF-8 bytes each; the ones that would pass
 *       400 KB are REJECTED {@code DEBT_TOO_LARGE}, ADR 0140);
 *   <li><b>long counterparties</b>: 500 open debts, each with a distinct 200-code-point astral-plane
 *       counterparty (791 UTF-8 bytes, about 395 KB of names), submitted {@value #IN_FLIGHT} at a time:
 *       the summary item must stay within its budget by dropping its counterparty detail while its
 *       totals stay exact (ADR 0147) — checked on the stored item itself, before and after the rebuild;
 *   <li><b>a status-filtered listing over 10,000 debts</b> ({@code ?status=CANCELLED}, 11 matches;
 *       ADR 0143). The 10,000 debts are copies, written to the debts table with the SDK, of a settled
 *       and a cancelled debt made through the API (10,000 commands through the API would take
 *       minutes); their stream records reach the projection like any other.
 * </ul>
 *
 * <p>Then: every command reaches a terminal status; the projection has applied every change that
 * moves a total; the commands DLQ and the projection-failures queue are empty; no answer was a 500;
 * every user's summary equals what their debts add up to; {@code tally ops projection verify --all}
 * finds no user diverged or failed; {@code projection rebuild --all} (module {@code ops}, through its
 * {@code Main.run} in this JVM, ADR 0155) completes against the stack with no failed user, and
 * {@code projection verify --all} finds every user clean afterwards.
 *
 * <p>Every wait has a deadline (a bound, never an expectation); the time each part took is printed,
 * not asserted.
 */
class AdversarialLimitsEndToEndIT {

    private static final String MAXIMUM = "1000000000000.00";
    private static final String ASTRAL = "\uD83D\uDE00"; // U+1F600, 4 bytes in UTF-8
    private static final int PAYMENTS = 199;
    private static final int COUNTERPARTIES = 500;
    /** Creates of the long-counterparty user in flight at once (the stack runs two containers per function). */
    private static final int IN_FLIGHT = 8;

    private static final int FILTERED_DEBTS = 10_000;
    private static final String DEBTS = "tally-debts";
    private static final String SUMMARIES = "tally-summaries";

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static LocalClients clients;
    private static ApiCalls api;

    /** Every 5xx the API answered, by request and status ("no 500" is checked over all of them). */
    private final Map<String, Integer> serverErrors = new ConcurrentHashMap<>();
    /** Requests sent again after an I/O failure (same idempotency key), by request and exception. */
    private final Map<String, Integer> ioRetries = new ConcurrentHashMap<>();

    private final AtomicInteger opsRuns = new AtomicInteger();
    /** What each part took, printed at the end (never asserted). */
    private final Map<String, Duration> timings = Collections.synchronizedMap(new LinkedHashMap<>());

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
     * passed its init timeout on this shared machine, as API Gateway answers; or the function's 503
     * {@code SERVICE_UNAVAILABLE}: an AWS call got no answer, ADR 0156) and an I/O failure (the
     * client's 60-second timeout) are retried with the same key, as the contract says, and counted.
     */
    private HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        String key = UUID.randomUUID().toString();
        String request = method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            HttpResponse<String> response;
            try {
                response = api.call(method, path, token, body, key);
            } catch (IOException failure) {
                ioRetries.merge(request + " -> " + failure.getClass().getSimpleName(), 1, Integer::sum);
                if (System.nanoTime() > deadline) {
                    throw failure;
                }
                Thread.sleep(1000);
                continue;
            }
            int status = response.statusCode();
            if (status >= 500) {
                serverErrors.merge(request + " -> " + status, 1, Integer::sum);
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

    /** One submission, {@code i} of a series. */
    private interface Submission {
        String submit(int i) throws IOException, InterruptedException;
    }

    /**
     * Submits {@code count} commands {@value #IN_FLIGHT} at a time (the user's FIFO group applies
     * them in the order SQS got them; the ids are recorded in that order, as their 202s arrive) and
     * waits for every answer, at most 10 minutes; fails on any answer but a 202.
     */
    private static void submitAll(int count, Submission submission) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<String>> submitted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                submitted.add(pool.submit(() -> submission.submit(n)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.MINUTES))
                    .as(count + " submissions answered within the 10-minute bound")
                    .isTrue();
            for (Future<String> answer : submitted) {
                answer.get(); // an answer other than 202 fails here
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String createBody(String counterparty, String direction, String amount) {
        return ApiCalls.json(Map.of(
                "counterparty", Map.of("name", counterparty),
                "direction", direction,
                "amount", Map.of("amount", amount, "currency", "EUR")));
    }

    /**
     * Waits (at most 10 minutes) until every command is APPLIED or REJECTED; the terminal status (with
     * reason) of each. The ids are in the order their 202s came back, which is about the order the
     * user's FIFO group applies them in: a round stops at the first command still pending, so a poll
     * costs a few requests, not one per command.
     */
    private Map<String, String> awaitTerminal(String token, List<String> commandIds) {
        List<String> ids = List.copyOf(commandIds);
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (String id : ids) {
                        if (outcomes.containsKey(id)) {
                            continue;
                        }
                        JsonNode status = ApiCalls.expect(call("GET", "/commands/" + id, token, null), 200);
                        switch (status.get("status").asText()) {
                            case "APPLIED" -> outcomes.put(id, "APPLIED");
                            case "REJECTED" ->
                                outcomes.put(
                                        id, "REJECTED " + status.path("reason").asText());
                            default -> {}
                        }
                        if (!outcomes.containsKey(id)) {
                            break;
                        }
                    }
                    assertThat(outcomes).as("terminal commands").hasSameSizeAs(ids);
                });
        return outcomes;
    }

    /**
     * Waits (at most 10 minutes) until the user's stored summary accounts for the current version of
     * each debt that {@code mustBeProjected} selects. Those are the debts whose last change moved a
     * total: the projection writes their marker with that change. A change that moves no total (the
     * insert of a settled or cancelled debt, i.e. the SDK-written copies) is folded in memory only
     * and its marker is stored only if its batch writes anyway (ADR 0070), so it is never waited for.
     * Once this holds and every command is terminal, no pending stream record changes a total: the
     * projection writes no summary any more and {@code ops} meets a quiet stack.
     */
    private void awaitProjected(String userId, Predicate<Debt> mustBeProjected) {
        DynamoDbDebtSource debts = new DynamoDbDebtSource(clients.dynamoDb(), DEBTS);
        DynamoDbSummaryStore summaries = new DynamoDbSummaryStore(clients.dynamoDb(), SUMMARIES);
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Map<String, Long> applied = summaries
                            .find(userId)
                            .map(StoredSummary::debtVersions)
                            .orElse(Map.of());
                    List<String> behind = new ArrayList<>();
                    for (Debt debt : debts.debtsOf(userId)) {
                        if (mustBeProjected.test(debt)
                                && !AppliedVersions.isCoveredBy(
                                        AppliedVersions.live(debt.version()), applied.get(debt.debtId()))) {
                            behind.add(debt.debtId());
                        }
                    }
                    assertThat(behind)
                            .as("debts of " + userId + " not projected yet")
                            .isEmpty();
                });
    }

    /** The user's summary item as stored. */
    private Map<String, AttributeValue> summaryItem(String userId) {
        return clients.dynamoDb()
                .getItem(r -> r.tableName(SUMMARIES)
                        .consistentRead(true)
                        .key(Map.of(SummaryItem.USER_ID, AttributeValue.fromS(userId))))
                .item();
    }

    /** Asserts that the stored summary dropped its counterparty detail and fits its budget (ADR 0147); its size. */
    private long assertBoundedWithoutCounterparties(String userId, String when) {
        Map<String, AttributeValue> item = summaryItem(userId);
        assertThat(item)
                .as("summary item of the long-counterparty user " + when)
                .isNotEmpty();
        assertThat(item.get(SummaryItem.COUNTERPARTIES_OMITTED))
                .as("counterpartiesOmitted on that item " + when)
                .isNotNull()
                .extracting(AttributeValue::bool)
                .isEqualTo(true);
        long size = ItemSize.of(item);
        assertThat(size).as("its size in bytes " + when).isLessThanOrEqualTo(SummaryItem.BUDGET_BYTES);
        return size;
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
                var result = clients.dynamoDb().batchWriteItem(r -> r.requestItems(Map.of(DEBTS, requests)));
                assertThat(result.unprocessedItems()).isEmpty();
                batch.clear();
            }
        }
        return cancelledIds;
    }

    private Map<String, AttributeValue> debtItem(String userId, String debtId) {
        return clients.dynamoDb()
                .getItem(r -> r.tableName(DEBTS)
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

    /**
     * {@code tally ops <args>} against the stack's DynamoDB, through the CLI's own entry point
     * ({@code Main.run}: what {@code main} runs before {@code System.exit}); asserts exit code 0 and
     * returns standard output. The default credentials chain reads the local stack's fixed test keys
     * from system properties, set for the run only.
     */
    private String ops(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--endpoint",
                stack.endpoints().get("DynamoDB").toString(),
                "--region",
                "us-east-1",
                "--debts-table",
                DEBTS,
                "--summaries-table",
                SUMMARIES));
        long start = System.nanoTime();
        System.setProperty("aws.accessKeyId", LocalClients.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalClients.SECRET_ACCESS_KEY);
        int exit;
        try {
            exit = dev.tally.ops.Main.run(
                    all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        timings.put(
                "ops run " + opsRuns.incrementAndGet() + ": " + String.join(" ", args),
                Duration.ofNanos(System.nanoTime() - start));
        assertThat(exit)
                .as("tally ops " + String.join(" ", args) + "\nout: " + out + "\nerr: " + err)
                .isZero();
        return out.toString();
    }

    private void timeSince(String part, long startNanos) {
        timings.put(part, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    @Test
    void maximumAmounts_longAstralNotesAndNames_tenThousandDebts_everyCommandTerminal_nothingFailed_rebuildCompletes()
            throws Exception {
        long testStart = System.nanoTime();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String name : List.of("maximal", "names", "many")) {
            tokens.put(name, api.login(api.register(name)));
        }
        Map<String, List<String>> commands = new ConcurrentHashMap<>();
        tokens.keySet().forEach(name -> commands.put(name, Collections.synchronizedList(new ArrayList<>())));
        Map<String, Map<String, String>> outcomes = new ConcurrentHashMap<>();
        String maximal = tokens.get("maximal");
        String names = tokens.get("names");
        String many = tokens.get("many");

        // an amount over the maximum is the client's error, never the server's
        assertThat(call("POST", "/debts", maximal, createBody("Too much", "OWED_TO_ME", "1000000000000.01"))
                        .statusCode())
                .isEqualTo(400);

        // the three users at once, each until every one of its commands is terminal
        List<Thread> users = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        String[] maximalDebt = new String[1];
        String[] manyDebts = new String[3];
        List<Set<String>> cancelled = new ArrayList<>(1);
        users.add(new Thread(() -> run(failures, () -> {
            long start = System.nanoTime();
            List<String> ids = commands.get("maximal");
            maximalDebt[0] = submit(maximal, "POST", "/debts", createBody("Max one", "OWED_TO_ME", MAXIMUM), ids);
            submit(maximal, "POST", "/debts", createBody("Max two", "OWED_TO_ME", MAXIMUM), ids);
            String note = ASTRAL.repeat(500);
            String payment = ApiCalls.json(Map.of("amount", Map.of("amount", "0.01", "currency", "EUR"), "note", note));
            submitAll(PAYMENTS, i -> submit(maximal, "POST", "/debts/" + maximalDebt[0] + "/payments", payment, ids));
            timeSince("maximal: 2 creates + 199 payments submitted (payments " + IN_FLIGHT + " in flight)", start);
            outcomes.put("maximal", awaitTerminal(maximal, ids));
            timeSince("maximal: every command terminal", start);
        })));
        users.add(new Thread(() -> run(failures, () -> {
            long start = System.nanoTime();
            List<String> ids = commands.get("names");
            submitAll(
                    COUNTERPARTIES,
                    i -> submit(
                            names,
                            "POST",
                            "/debts",
                            createBody(
                                    String.format("%03d", i) + ASTRAL.repeat(197),
                                    i % 2 == 0 ? "OWED_TO_ME" : "OWED_BY_ME",
                                    "1.00"),
                            ids));
            timeSince("names: 500 creates submitted, " + IN_FLIGHT + " in flight", start);
            outcomes.put("names", awaitTerminal(names, ids));
            timeSince("names: every command terminal", start);
        })));
        users.add(new Thread(() -> run(failures, () -> {
            long start = System.nanoTime();
            List<String> ids = commands.get("many");
            manyDebts[0] = submit(many, "POST", "/debts", createBody("Settled", "OWED_TO_ME", "5.00"), ids);
            manyDebts[1] = submit(many, "POST", "/debts", createBody("Cancelled", "OWED_BY_ME", "7.00"), ids);
            manyDebts[2] = submit(many, "POST", "/debts", createBody("Open", "OWED_BY_ME", "3.00"), ids);
            submit(many, "POST", "/debts/" + manyDebts[0] + "/settle", "{}", ids);
            submit(many, "DELETE", "/debts/" + manyDebts[1], null, ids);
            outcomes.put("many", awaitTerminal(many, ids));
            assertThat(outcomes.get("many").values()).containsOnly("APPLIED");
            cancelled.add(copyDebts(userId(many), manyDebts[0], manyDebts[1], FILTERED_DEBTS - 3));
            timeSince("many: 5 commands terminal, 9,997 copies written", start);
        })));
        users.forEach(Thread::start);
        for (Thread user : users) {
            user.join();
        }
        assertThat(failures).as("submissions and waits").isEmpty();
        Map<String, String> maximalOutcomes = outcomes.get("maximal");
        Map<String, String> namesOutcomes = outcomes.get("names");

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
        // long counterparties: every create answered 202 once and applied
        assertThat(commands.get("names")).doesNotHaveDuplicates().hasSize(COUNTERPARTIES);
        assertThat(namesOutcomes.values()).containsOnly("APPLIED");

        // the filtered listing over 10,000 debts: every cancelled one, each once, page by page
        List<JsonNode> listed = api.allDebts(many, "CANCELLED", 100);
        assertThat(listed.stream().map(debt -> debt.get("debtId").asText()))
                .containsExactlyInAnyOrderElementsOf(cancelled.get(0));

        // the projection has applied every debt version, and each summary equals its debts
        long projected = System.nanoTime();
        Set<String> madeThroughTheApi = Set.of(manyDebts);
        for (var user : tokens.entrySet()) {
            awaitProjected(
                    userId(user.getValue()),
                    user.getValue().equals(many) ? debt -> madeThroughTheApi.contains(debt.debtId()) : debt -> true);
            assertThat(api.eurSummaryDifference(user.getValue()))
                    .as("the summary of " + user.getKey() + " against their debts")
                    .isNull();
        }
        timeSince("projection caught up with every debt (after the commands were terminal)", projected);
        JsonNode namesSummary = ApiCalls.expect(call("GET", "/summary", names, null), 200);
        assertThat(ApiCalls.money(namesSummary.at("/currencies/EUR/owedToMe"))).isEqualByComparingTo("250.00");
        assertThat(ApiCalls.money(namesSummary.at("/currencies/EUR/owedByMe"))).isEqualByComparingTo("250.00");
        assertThat(namesSummary.at("/currencies/EUR/openCount").asInt()).isEqualTo(COUNTERPARTIES);
        assertThat(namesSummary.get("counterparties"))
                .as("500 distinct long names pass the summary item's budget: detail dropped, totals kept (ADR 0147)")
                .isEmpty();
        assertThat(ApiCalls.expect(call("GET", "/summary", maximal, null), 200).get("counterparties"))
                .as("a summary within its budget keeps its counterparties (Max one, Max two)")
                .hasSize(2);
        long projectedSize = assertBoundedWithoutCounterparties(userId(names), "as projected");

        assertThat(messages("tally-commands-dlq.fifo"))
                .as("messages in the commands DLQ")
                .isZero();
        assertThat(messages("tally-projection-failures"))
                .as("messages in projection-failures")
                .isZero();

        // before the rebuild: no summary differs from its debts (lagging markers of no-delta changes are allowed)
        String verifiedBefore = ops("projection", "verify", "--all");
        assertThat(verifiedBefore).contains("diverged=0 failed=0");
        String rebuilt = ops("projection", "rebuild", "--all");
        assertThat(rebuilt).contains("rebuilt=" + tokens.size() + " failed=0");
        long rebuiltSize = assertBoundedWithoutCounterparties(userId(names), "as rebuilt");
        String verified = ops("projection", "verify", "--all");
        assertThat(verified)
                .contains("verified=" + tokens.size() + " clean=" + tokens.size() + " lagging=0 diverged=0 failed=0");
        for (var user : tokens.entrySet()) {
            assertThat(api.eurSummaryDifference(user.getValue()))
                    .as("the summary of " + user.getKey() + " after the rebuild")
                    .isNull();
        }
        assertThat(messages("tally-projection-failures"))
                .as("messages in projection-failures after the rebuild")
                .isZero();
        assertThat(serverErrors.keySet())
                .as("answers 500 (502-504 were retried with the same key and are only counted)")
                .noneMatch(request -> request.endsWith("-> 500"));
        timeSince("the whole test (stack start-up excluded)", testStart);
        System.out.printf(
                "adversarial limits: %d payments applied, %d DEBT_TOO_LARGE; %d long counterparties, summary item %d bytes"
                        + " as projected, %d as rebuilt (budget %d); %d cancelled of %d debts listed; gateway answers"
                        + " retried: %s; I/O failures retried: %s; verify before the rebuild: %s; rebuild: %s; verify: %s%n",
                paymentsApplied,
                PAYMENTS - paymentsApplied,
                COUNTERPARTIES,
                projectedSize,
                rebuiltSize,
                SummaryItem.BUDGET_BYTES,
                listed.size(),
                FILTERED_DEBTS,
                serverErrors,
                ioRetries,
                verifiedBefore.strip().replace('\n', ' '),
                rebuilt.strip().replace('\n', ' '),
                verified.strip().replace('\n', ' '));
        timings.forEach((part, took) ->
                System.out.printf("adversarial limits timing: %s: %.1f s%n", part, took.toMillis() / 1000.0));
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
