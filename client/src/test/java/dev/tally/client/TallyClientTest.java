package dev.tally.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tally.events.DecimalMoney;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.request.CounterpartyBody;
import dev.tally.events.request.CreateDebtRequest;
import dev.tally.events.request.RecordPaymentRequest;
import dev.tally.events.view.CommandAcceptedView;
import dev.tally.events.view.DebtView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted local HTTP server: each request gets the next scripted answer. */
class TallyClientTest {

    private static final String DEBT = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90";
    private static final String ACCEPTED =
            "{\"commandId\":\"%s\",\"debtId\":\"" + DEBT + "\",\"status\":\"ACCEPTED\",\"statusUrl\":\"/commands/%s\"}";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

    private record Scripted(int status, String body, long delayMillis) {}

    private record Received(String method, String path, String idempotencyKey, String authorization, String body) {}

    private final Deque<Scripted> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private HttpServer server;
    private TallyClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
        client = TallyClient.builder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .retries(FAST)
                .requestTimeout(Duration.ofSeconds(20))
                .build()
                .withToken("token-1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            received.add(new Received(
                    exchange.getRequestMethod(),
                    uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            Scripted next;
            synchronized (script) {
                next = script.isEmpty() ? new Scripted(500, "{\"message\":\"no script\"}", 0) : script.poll();
            }
            if (next.delayMillis() > 0) {
                try {
                    Thread.sleep(next.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = next.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(next.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException closedByClient) {
            // the client gave up on a delayed answer
        }
    }

    private void then(int status, String body) {
        script.add(new Scripted(status, body, 0));
    }

    @Test
    void createDebt_when503ThenAccepted_retriesWithTheSameIdempotencyKey() {
        then(503, "{\"error\":{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"m\",\"requestId\":\"r\"}}");
        then(202, ACCEPTED.formatted("k", "k"));

        CommandAcceptedView accepted = client.createDebt(new CreateDebtRequest(
                new CounterpartyBody("Bob", null), "OWED_TO_ME", new DecimalMoney("25.00", "EUR"), null, null));

        assertThat(accepted.debtId()).isEqualTo(DEBT);
        assertThat(received).hasSize(2);
        assertThat(received.get(0).idempotencyKey())
                .isNotBlank()
                .isEqualTo(received.get(1).idempotencyKey());
        assertThat(received.get(0).authorization()).isEqualTo("Bearer token-1");
        assertThat(received.get(0).body())
                .isEqualTo(
                        "{\"counterparty\":{\"name\":\"Bob\"},\"direction\":\"OWED_TO_ME\",\"amount\":{\"amount\":\"25.00\",\"currency\":\"EUR\"}}");
    }

    @Test
    void recordPayment_whenTheFirstAnswerTimesOut_retriesWithTheSameKey() {
        script.add(new Scripted(202, ACCEPTED.formatted("late", "late"), 30_000));
        then(202, ACCEPTED.formatted("k", "k"));
        TallyClient impatient = TallyClient.builder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .retries(FAST)
                .requestTimeout(Duration.ofSeconds(3))
                .build()
                .withToken("token-1");

        impatient.recordPayment(DEBT, new RecordPaymentRequest(new DecimalMoney("5.00", "EUR"), null, null));

        assertThat(received).hasSize(2);
        assertThat(received.get(1).idempotencyKey()).isEqualTo(received.get(0).idempotencyKey());
        assertThat(received.get(1).path()).isEqualTo("/debts/" + DEBT + "/payments");
    }

    @Test
    void twoCommands_getTwoDifferentKeys() {
        then(202, ACCEPTED.formatted("a", "a"));
        then(202, ACCEPTED.formatted("b", "b"));

        client.cancelDebt(DEBT);
        client.settleDebt(DEBT, null);

        assertThat(received.get(0).idempotencyKey())
                .isNotEqualTo(received.get(1).idempotencyKey());
        assertThat(received.get(0).body()).isEmpty();
        assertThat(received.get(1).body()).isEqualTo("{}");
    }

    @Test
    void command_when5xxPersists_throwsTheLastErrorAfterMaxAttempts() {
        for (int i = 0; i < 3; i++) {
            then(500, "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"m\",\"requestId\":\"req-" + i + "\"}}");
        }

        assertThatThrownBy(() -> client.cancelDebt(DEBT)).isInstanceOfSatisfying(TallyApiException.class, error -> {
            assertThat(error.status()).isEqualTo(500);
            assertThat(error.requestId()).contains("req-2");
        });
        assertThat(received).hasSize(3);
    }

    @Test
    void register_when503_isNotRetried() {
        then(503, "{\"message\":\"Service Unavailable\"}");

        assertThatThrownBy(() -> client.register("ada@example.com", "correct horse battery staple", "Ada"))
                .isInstanceOfSatisfying(
                        TallyApiException.class,
                        error -> assertThat(error.code()).isNull());
        assertThat(received).hasSize(1);
    }

    @Test
    void createDebt_when400_throwsWithCodeAndFieldsAndDoesNotRetry() {
        then(
                400,
                "{\"error\":{\"code\":\"VALIDATION_FAILED\",\"message\":\"The request has invalid fields.\","
                        + "\"fields\":[{\"field\":\"amount.currency\",\"problem\":\"is not a known ISO 4217 currency code\"}],"
                        + "\"requestId\":\"r\"}}");

        assertThatThrownBy(() -> client.createDebt(new CreateDebtRequest(
                        new CounterpartyBody("Bob", null), "OWED_TO_ME", new DecimalMoney("1", "ZZZ"), null, null)))
                .isInstanceOfSatisfying(TallyApiException.class, error -> {
                    assertThat(error.code()).isEqualTo("VALIDATION_FAILED");
                    assertThat(error.fields())
                            .extracting(problem -> problem.field())
                            .containsExactly("amount.currency");
                });
        assertThat(received).hasSize(1);
    }

    @Test
    void awaitOutcome_pollsUntilTheCommandIsApplied() {
        String status =
                "{\"commandId\":\"k\",\"type\":\"CREATE_DEBT\",\"status\":\"%s\",\"debtId\":\"" + DEBT + "\"%s}";
        then(200, status.formatted("ACCEPTED", ""));
        then(200, status.formatted("ACCEPTED", ""));
        then(200, status.formatted("APPLIED", ",\"debtVersion\":1"));

        CommandStatus outcome = client.awaitOutcome("k", Duration.ofSeconds(30));

        assertThat(outcome.status()).isEqualTo(CommandStatus.Status.APPLIED);
        assertThat(outcome.debtVersion()).isEqualTo(1L);
        assertThat(received)
                .hasSize(3)
                .allSatisfy(request -> assertThat(request.path()).isEqualTo("/commands/k"));
    }

    @Test
    void awaitOutcome_whenStillAcceptedAtTheDeadline_throws() {
        for (int i = 0; i < 50; i++) {
            then(
                    200,
                    "{\"commandId\":\"k\",\"type\":\"CREATE_DEBT\",\"status\":\"ACCEPTED\",\"debtId\":\"" + DEBT
                            + "\"}");
        }

        assertThatThrownBy(() -> client.awaitOutcome("k", Duration.ofMillis(100)))
                .isInstanceOf(TallyClientException.class)
                .hasMessageContaining("still ACCEPTED");
    }

    @Test
    void allDebts_followsTheCursorToTheLastPage() {
        String debt = "{\"debtId\":\"%s\",\"counterparty\":{\"name\":\"Bob\"},\"direction\":\"OWED_TO_ME\","
                + "\"principal\":{\"amount\":\"1.00\",\"currency\":\"EUR\"},\"outstanding\":{\"amount\":\"1.00\",\"currency\":\"EUR\"},"
                + "\"paid\":{\"amount\":\"0.00\",\"currency\":\"EUR\"},\"writtenOff\":{\"amount\":\"0.00\",\"currency\":\"EUR\"},"
                + "\"currency\":\"EUR\",\"status\":\"OPEN\",\"paymentCount\":0,\"version\":1,"
                + "\"createdAt\":\"2026-11-27T10:15:30Z\",\"updatedAt\":\"2026-11-27T10:15:30Z\"}";
        then(200, "{\"items\":[" + debt.formatted("d1") + "],\"nextCursor\":\"c+1/=\"}");
        then(200, "{\"items\":[" + debt.formatted("d2") + "]}");

        List<DebtView> all = client.allDebts(null);

        assertThat(all).extracting(DebtView::debtId).containsExactly("d1", "d2");
        assertThat(received.get(1).path()).isEqualTo("/debts?limit=100&cursor=c%2B1%2F%3D");
    }

    @Test
    void debt_when404_isEmpty() {
        then(404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No debt with this id.\",\"requestId\":\"r\"}}");

        assertThat(client.debt(DEBT)).isEmpty();
    }

    @Test
    void onExchange_seesEveryAttempt() {
        List<Integer> statuses = new ArrayList<>();
        TallyClient listened = TallyClient.builder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .retries(FAST)
                .onExchange(exchange -> statuses.add(exchange.status()))
                .build()
                .withToken("t");
        then(502, "{\"message\":\"Bad Gateway\"}");
        then(200, "{\"userId\":\"u\",\"currencies\":{},\"counterparties\":[]}");

        assertThat(listened.summary().userId()).isEqualTo("u");
        assertThat(statuses).containsExactly(502, 200);
    }
}
