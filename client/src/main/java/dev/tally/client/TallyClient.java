package dev.tally.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.events.DebtStatus;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.request.CreateDebtRequest;
import dev.tally.events.request.RecordPaymentRequest;
import dev.tally.events.request.SettleDebtRequest;
import dev.tally.events.request.UpdateDebtRequest;
import dev.tally.events.view.CommandAcceptedView;
import dev.tally.events.view.DebtListView;
import dev.tally.events.view.DebtView;
import dev.tally.events.view.SummaryView;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A client of Tally's HTTP API (docs/openapi.yaml), on the JDK's {@code java.net.http} and the
 * wire types of {@code events}. Immutable and thread-safe; {@link #login} returns a copy that
 * sends the token.
 *
 * <p>Every command is sent with a fresh {@code Idempotency-Key}, so the client retries it safely
 * after a timeout or a 5xx (the server applies it once); reads and login are retried the same way,
 * registration is not. {@link #awaitOutcome} polls a command's status with backoff until it is
 * {@code APPLIED} or {@code REJECTED}, or the deadline passes.
 *
 * <pre>{@code
 * TallyClient tally = TallyClient.builder(URI.create("http://127.0.0.1:3000")).build();
 * tally.register("ada@example.com", "correct horse battery staple", "Ada");
 * TallyClient ada = tally.login("ada@example.com", "correct horse battery staple");
 * CommandAcceptedView created = ada.createDebt(new CreateDebtRequest(new CounterpartyBody("Bob", null),
 *         "OWED_TO_ME", new DecimalMoney("25.00", "EUR"), "concert tickets", null));
 * CommandStatus outcome = ada.awaitOutcome(created, Duration.ofSeconds(30));
 * }</pre>
 */
public final class TallyClient {

    private final HttpTransport transport;
    private final Supplier<String> idempotencyKeys;
    private final String accessToken;

    private TallyClient(HttpTransport transport, Supplier<String> idempotencyKeys, String accessToken) {
        this.transport = transport;
        this.idempotencyKeys = idempotencyKeys;
        this.accessToken = accessToken;
    }

    /** A builder for the API at {@code baseUri}, e.g. {@code http://127.0.0.1:3000} or the stack's {@code ApiUrl}. */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /** {@code POST /auth/register}: creates the account and returns the new user's id. Not retried. */
    public String register(String email, String password, String displayName) {
        String body = json(Map.of("email", email, "password", password, "displayName", displayName));
        return read(transport
                        .send("POST", "/auth/register", Map.of(), body, false)
                        .body())
                .path("userId")
                .asText();
    }

    /** {@code POST /auth/login}: a client that sends the token it got. */
    public TallyClient login(String email, String password) {
        String body = json(Map.of("email", email, "password", password));
        String token = read(transport
                        .send("POST", "/auth/login", Map.of(), body, true)
                        .body())
                .path("accessToken")
                .asText();
        return withToken(token);
    }

    /** A client that sends this access token (e.g. one kept from an earlier login). */
    public TallyClient withToken(String token) {
        return new TallyClient(transport, idempotencyKeys, Objects.requireNonNull(token, "token"));
    }

    /** {@code POST /debts}: records a new debt; the answer carries its {@code debtId}. */
    public CommandAcceptedView createDebt(CreateDebtRequest debt) {
        return command("POST", "/debts", json(debt));
    }

    /** {@code PATCH /debts/{debtId}}: a merge patch of description, due date or counterparty. */
    public CommandAcceptedView updateDebt(String debtId, UpdateDebtRequest patch) {
        return command("PATCH", "/debts/" + segment(debtId), json(patch));
    }

    /** {@code POST /debts/{debtId}/payments}. */
    public CommandAcceptedView recordPayment(String debtId, RecordPaymentRequest payment) {
        return command("POST", "/debts/" + segment(debtId) + "/payments", json(payment));
    }

    /** {@code POST /debts/{debtId}/settle}: closes the debt, writing off what remains; {@code settle} may be null. */
    public CommandAcceptedView settleDebt(String debtId, SettleDebtRequest settle) {
        return command(
                "POST",
                "/debts/" + segment(debtId) + "/settle",
                json(settle == null ? new SettleDebtRequest(null) : settle));
    }

    /** {@code DELETE /debts/{debtId}}: cancels the debt. */
    public CommandAcceptedView cancelDebt(String debtId) {
        return command("DELETE", "/debts/" + segment(debtId), null);
    }

    /** {@code GET /commands/{commandId}}: where the command is now. */
    public CommandStatus command(String commandId) {
        return get("/commands/" + segment(commandId), CommandStatus.class);
    }

    /** Polls the command of a 202 until it is APPLIED or REJECTED; see {@link #awaitOutcome(String, Duration)}. */
    public CommandStatus awaitOutcome(CommandAcceptedView accepted, Duration timeout) {
        return awaitOutcome(accepted.commandId(), timeout);
    }

    /**
     * Polls {@code GET /commands/{commandId}} with a growing pause (50 ms up to 1 s) until the status
     * is {@code APPLIED} or {@code REJECTED}.
     *
     * @throws TallyClientException when the command is still {@code ACCEPTED} once {@code timeout} has passed
     */
    public CommandStatus awaitOutcome(String commandId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = Duration.ofMillis(50);
        while (true) {
            CommandStatus status = command(commandId);
            if (status.status() != CommandStatus.Status.ACCEPTED) {
                return status;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TallyClientException("command " + commandId + " is still ACCEPTED after " + timeout, null);
            }
            HttpTransport.pause(Duration.ofNanos(Math.min(left, pause.toNanos())));
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(1)) > 0
                    ? Duration.ofSeconds(1)
                    : pause.multipliedBy(2);
        }
    }

    /** {@code GET /summary}. */
    public SummaryView summary() {
        return get("/summary", SummaryView.class);
    }

    /** {@code GET /debts/{debtId}}; empty when there is no such debt for this user (404). */
    public Optional<DebtView> debt(String debtId) {
        try {
            return Optional.of(get("/debts/" + segment(debtId), DebtView.class));
        } catch (TallyApiException answer) {
            if (answer.status() == 404) {
                return Optional.empty();
            }
            throw answer;
        }
    }

    /** {@code GET /debts}: one page; pass its {@code nextCursor} (with the same status) for the next. */
    public DebtListView debts(DebtStatus status, int limit, String cursor) {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        if (status != null) {
            query.append("&status=").append(status.name());
        }
        if (cursor != null) {
            query.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return get("/debts" + query, DebtListView.class);
    }

    /** Every debt (in {@code status}, or all when null), following the cursor page by page. */
    public List<DebtView> allDebts(DebtStatus status) {
        List<DebtView> all = new ArrayList<>();
        String cursor = null;
        do {
            DebtListView page = debts(status, 100, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private CommandAcceptedView command(String method, String path, String body) {
        Map<String, String> headers = Map.of("Authorization", bearer(), "Idempotency-Key", idempotencyKeys.get());
        return parse(transport.send(method, path, headers, body, true).body(), CommandAcceptedView.class);
    }

    private <T> T get(String path, Class<T> type) {
        return parse(
                transport
                        .send("GET", path, Map.of("Authorization", bearer()), null, true)
                        .body(),
                type);
    }

    private String bearer() {
        if (accessToken == null) {
            throw new IllegalStateException("not logged in: call login(...) or withToken(...) first");
        }
        return "Bearer " + accessToken;
    }

    private static String segment(String id) {
        return URLEncoder.encode(Objects.requireNonNull(id, "id"), StandardCharsets.UTF_8);
    }

    private static String json(Object body) {
        return TallyJson.write(body);
    }

    private static JsonNode read(String body) {
        try {
            return TallyJson.MAPPER.readTree(body);
        } catch (JsonProcessingException notJson) {
            throw new TallyClientException("the answer is not JSON", notJson);
        }
    }

    private static <T> T parse(String body, Class<T> type) {
        try {
            return TallyJson.MAPPER.readValue(body, type);
        } catch (JsonProcessingException | RuntimeException unreadable) {
            throw new TallyClientException("the answer is not a " + type.getSimpleName(), unreadable);
        }
    }

    /** Settings of a {@link TallyClient}. */
    public static final class Builder {

        private final URI baseUri;
        private HttpClient httpClient;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retries = RetryPolicy.DEFAULT;
        private ExchangeListener listener = exchange -> {};
        private Supplier<String> idempotencyKeys = () -> UUID.randomUUID().toString();

        private Builder(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        }

        /** The JDK client to send with (default: HTTP/1.1, 5 s connect timeout). */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /** How long one attempt may wait for its answer (default 30 s: a cold function start fits). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How failed attempts are retried (default {@link RetryPolicy#DEFAULT}). */
        public Builder retries(RetryPolicy policy) {
            this.retries = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Told of every answered request. */
        public Builder onExchange(ExchangeListener exchangeListener) {
            this.listener = Objects.requireNonNull(exchangeListener, "exchangeListener");
            return this;
        }

        /** Where command keys come from (default: a random UUID per command). */
        public Builder idempotencyKeys(Supplier<String> keys) {
            this.idempotencyKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** The client, not logged in. */
        public TallyClient build() {
            HttpClient client = httpClient != null
                    ? httpClient
                    : HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
            return new TallyClient(
                    new HttpTransport(baseUri, client, requestTimeout, retries, listener), idempotencyKeys, null);
        }
    }
}
