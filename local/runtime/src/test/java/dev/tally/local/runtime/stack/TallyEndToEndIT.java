package dev.tally.local.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.client.TallyApiException;
import dev.tally.client.TallyClient;
import dev.tally.contract.ApiContract;
import dev.tally.contract.Exchange;
import dev.tally.events.DebtStatus;
import dev.tally.events.DecimalMoney;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import dev.tally.events.request.CounterpartyBody;
import dev.tally.events.request.CreateDebtRequest;
import dev.tally.events.request.RecordPaymentRequest;
import dev.tally.events.view.CommandAcceptedView;
import dev.tally.events.view.CurrencySummaryView;
import dev.tally.events.view.DebtListView;
import dev.tally.events.view.DebtView;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Tally end to end: the stack started from the repository's own {@code template.yaml} with the
 * function jars the build packaged, driven over HTTP as a client app would (the API contract of
 * docs/openapi.yaml), through the Java client of module {@code client}: two users, debts in two currencies, payments, an overpayment, a settle, a
 * cancel, command status polling, summaries and the debts list page by page — every number checked,
 * and every request and answer checked against docs/openapi.yaml; plus a poison message that
 * must end in the DLQ and a failing stream batch that must reach the projection failure queue.
 *
 * <p>It needs the function modules' lambda jars with their handlers ({@link RepositoryStack}): until
 * those modules are packaged, it is skipped with a message naming what is missing.
 */
class TallyEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the exchanges so far did differently from docs/openapi.yaml. */
    private static final List<String> CONTRACT_PROBLEMS = new CopyOnWriteArrayList<>();

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static LocalClients clients;
    private static TallyClient client;

    @BeforeAll
    static void startTally() throws IOException {
        stack = RepositoryStack.startInProcess(data);
        ApiContract contract = ApiContract.get();
        client = TallyClient.builder(stack.endpoints().get("API"))
                .onExchange(exchange -> contract.problems(new Exchange(
                                exchange.method(),
                                exchange.uri().getRawPath(),
                                exchange.uri().getRawQuery(),
                                exchange.requestHeaders(),
                                exchange.requestBody(),
                                exchange.status(),
                                exchange.responseHeaders(),
                                exchange.responseBody()))
                        .forEach(problem -> CONTRACT_PROBLEMS.add(
                                exchange.method() + " " + exchange.uri().getRawPath() + ": " + problem)))
                .build();
        clients = RepositoryStack.clients(stack);
    }

    @AfterEach
    void everyExchangeMatchedTheContract() {
        assertThat(CONTRACT_PROBLEMS)
                .as("exchanges that differ from " + ApiContract.DOCUMENT)
                .isEmpty();
    }

    @AfterAll
    static void stopTally() {
        RepositoryStack.stop(stack, clients);
    }

    /**
     * Registers a new user. The client does not retry registration (a lost answer would make the
     * retry a 409); on this shared machine a cold AuthFunction can exceed its init timeout (a 503
     * from the gateway before the function ran), so the test retries, and takes EMAIL_TAKEN on a
     * retry as "the first attempt did create it" (the address is unique to this call).
     */
    private static String user(String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        for (int attempt = 1; ; attempt++) {
            try {
                client.register(email, "correct horse battery staple", name);
                return email;
            } catch (TallyApiException answer) {
                if (attempt > 1 && "EMAIL_TAKEN".equals(answer.code())) {
                    return email;
                }
                if (answer.status() < 500 || attempt == 3) {
                    throw answer;
                }
            }
        }
    }

    private static TallyClient login(String email) {
        return client.login(email, "correct horse battery staple");
    }

    /** Waits for the outcome of a command the client submitted. */
    private static CommandStatus outcome(TallyClient user, CommandAcceptedView accepted) {
        assertThat(accepted.status()).isEqualTo(CommandStatus.Status.ACCEPTED);
        return user.awaitOutcome(accepted, Duration.ofSeconds(60));
    }

    private static String debt(TallyClient user, String direction, String name, String amount, String currency) {
        CommandAcceptedView accepted = user.createDebt(new CreateDebtRequest(
                new CounterpartyBody(name, null), direction, new DecimalMoney(amount, currency), null, null));
        assertThat(outcome(user, accepted).status()).isEqualTo(CommandStatus.Status.APPLIED);
        return accepted.debtId();
    }

    private static CommandStatus.Status pay(TallyClient user, String debtId, String amount, String currency) {
        return outcome(
                        user,
                        user.recordPayment(
                                debtId, new RecordPaymentRequest(new DecimalMoney(amount, currency), null, null)))
                .status();
    }

    /** Waits until the user's summary for the currency has these totals (the projection is asynchronous). */
    private static void awaitSummary(
            TallyClient user, String currency, String owedByMe, String owedToMe, int openCount) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CurrencySummaryView totals = user.summary().currencies().get(currency);
            assertThat(totals).as("summary has " + currency).isNotNull();
            assertThat(new BigDecimal(totals.owedByMe())).isEqualByComparingTo(owedByMe);
            assertThat(new BigDecimal(totals.owedToMe())).isEqualByComparingTo(owedToMe);
            assertThat(new BigDecimal(totals.net()))
                    .isEqualByComparingTo(new BigDecimal(owedToMe).subtract(new BigDecimal(owedByMe)));
            assertThat(totals.openCount()).isEqualTo(openCount);
        });
    }

    /** Every page of the user's debts, {@code limit} at a time, following {@code nextCursor}. */
    private static List<String> pagedDebtIds(TallyClient user, DebtStatus status, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            DebtListView page = user.debts(status, limit, cursor);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            page.items().forEach(debt -> ids.add(debt.debtId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    @Test
    void twoUsers_debtsInTwoCurrencies_everyNumberAddsUp() throws Exception {
        TallyClient alice = login(user("alice"));
        TallyClient bob = login(user("bob"));

        String lunch = debt(alice, "OWED_TO_ME", "Bob", "100.00", "EUR");
        String sushi = debt(alice, "OWED_BY_ME", "Carol", "5000", "JPY");
        assertThat(pay(alice, lunch, "30.00", "EUR")).isEqualTo(CommandStatus.Status.APPLIED);
        CommandStatus overpayment = outcome(
                alice,
                alice.recordPayment(lunch, new RecordPaymentRequest(new DecimalMoney("100.00", "EUR"), null, null)));
        assertThat(overpayment.status()).isEqualTo(CommandStatus.Status.REJECTED);
        assertThat(overpayment.reason()).isEqualTo(RejectionReason.OVERPAYMENT);
        assertThat(pay(alice, sushi, "2000", "JPY")).isEqualTo(CommandStatus.Status.APPLIED);
        String tickets = debt(alice, "OWED_TO_ME", "Dave", "12.50", "EUR");
        assertThat(outcome(alice, alice.settleDebt(tickets, null)).status()).isEqualTo(CommandStatus.Status.APPLIED);
        String taxi = debt(alice, "OWED_BY_ME", "Eve", "40.00", "EUR");
        assertThat(outcome(alice, alice.cancelDebt(taxi)).status()).isEqualTo(CommandStatus.Status.APPLIED);
        debt(bob, "OWED_BY_ME", "Alice", "20.00", "EUR");

        awaitSummary(alice, "EUR", "0", "70.00", 1);
        awaitSummary(alice, "JPY", "3000", "0", 1);
        awaitSummary(bob, "EUR", "20.00", "0", 1);
        DebtView lunchView = alice.debt(lunch).orElseThrow();
        assertThat(lunchView.status()).isEqualTo(DebtStatus.OPEN);
        assertThat(lunchView.outstanding().amount()).isEqualTo("70.00");
        assertThat(lunchView.payments()).hasSize(1);
        assertThat(alice.debt(tickets).orElseThrow().status()).isEqualTo(DebtStatus.SETTLED);
        assertThat(alice.debt(taxi).orElseThrow().status()).isEqualTo(DebtStatus.CANCELLED);
        assertThat(bob.debt(lunch)).as("another user's debt").isEmpty();
        assertThat(pagedDebtIds(alice, null, 1)).containsExactlyInAnyOrder(lunch, sushi, tickets, taxi);
        assertThat(pagedDebtIds(alice, DebtStatus.OPEN, 1)).containsExactlyInAnyOrder(lunch, sushi);
        assertThat(alice.allDebts(null)).hasSize(4);

        // Cold starts: each worker container's first REPORT has an Init Duration, its later (warm) ones none.
        List<JsonNode> worker = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("reports.jsonl"))) {
            JsonNode report = JSON.readTree(line);
            if (report.get("functionName").asText().equals("CommandWorkerFunction")) {
                worker.add(report);
            }
        }
        assertThat(worker)
                .anyMatch(r -> r.get("coldStart").asBoolean()
                        && r.get("initDurationMs").asDouble() > 0);
        assertThat(worker)
                .anyMatch(r -> !r.get("coldStart").asBoolean()
                        && r.get("initDurationMs").isNull());
        assertThat(worker.stream()
                        .filter(r -> r.get("coldStart").asBoolean())
                        .map(r -> r.get("containerId").asText()))
                .doesNotHaveDuplicates();
    }

    @Test
    void poisonMessage_endsInDeadLetterQueue() throws Exception {
        String queueUrl = clients.sqs()
                .getQueueUrl(r -> r.queueName("tally-commands.fifo"))
                .queueUrl();
        String dlqUrl = clients.sqs()
                .getQueueUrl(r -> r.queueName("tally-commands-dlq.fifo"))
                .queueUrl();
        clients.sqs()
                .sendMessage(r -> r.queueUrl(queueUrl)
                        .messageBody("this is not a command envelope")
                        .messageGroupId("poison")
                        .messageDeduplicationId(UUID.randomUUID().toString()));

        await().atMost(Duration.ofMinutes(2))
                .until(() -> Integer.parseInt(clients.sqs()
                                .getQueueAttributes(r -> r.queueUrl(dlqUrl)
                                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                                .attributes()
                                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        >= 1);
    }

    @Test
    void failingStreamBatch_reachesProjectionFailureQueue() throws Exception {
        // A debts item the projection cannot read (no currency, no amounts): its stream batch fails until discarded.
        clients.dynamoDb()
                .putItem(r -> r.tableName("tally-debts")
                        .item(Map.of(
                                "userId",
                                AttributeValue.fromS("broken-" + UUID.randomUUID()),
                                "debtId",
                                AttributeValue.fromS("broken"),
                                "version",
                                AttributeValue.fromS("not a number"))));
        String failures = clients.sqs()
                .getQueueUrl(r -> r.queueName("tally-projection-failures"))
                .queueUrl();

        List<JsonNode> records = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            clients.sqs()
                    .receiveMessage(r -> r.queueUrl(failures))
                    .messages()
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
