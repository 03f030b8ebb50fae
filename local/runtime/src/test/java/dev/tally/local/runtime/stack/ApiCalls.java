package dev.tally.local.runtime.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Tally's HTTP API as the end-to-end suites call it: raw requests (every status visible, so a test
 * can say "no 500"), JSON answers, and the few multi-step calls they share (register, log in, walk
 * every page of a listing, a user's EUR totals from their debts).
 */
public final class ApiCalls {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String PASSWORD = "correct horse battery staple";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile URI api;

    public ApiCalls(URI api) {
        this.api = api;
    }

    /** Points later calls at another address (the stack restarted on another port). */
    public void target(URI api) {
        this.api = api;
    }

    /** One request; {@code idempotencyKey} may be null. */
    public HttpResponse<String> call(String method, String path, String token, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        return call(method, path, token, body, null);
    }

    /** The answer's JSON, after checking its status. */
    public static JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(
                    "expected HTTP " + status + " from " + response.request().method() + " "
                            + response.request().uri().getRawPath() + ", got " + response.statusCode() + ": "
                            + response.body());
        }
        return tree(response.body());
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends until the answer is not a 5xx (at most 3 minutes): on a loaded machine a cold function
     * (PBKDF2 in the auth function) can pass its template timeout, which the local API answers 503 as
     * API Gateway does; a restarting stack refuses connections.
     */
    public HttpResponse<String> callUntilServed(
            String method, String path, String token, String body, String idempotencyKey) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = call(method, path, token, body, idempotencyKey);
                if (response.statusCode() < 500) {
                    return response;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(method + " " + path + " not served within 3 minutes; last: " + last);
    }

    /** Registers a new user named {@code name}; its email. */
    public String register(String name) throws InterruptedException {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> response = callUntilServed(
                "POST",
                "/auth/register",
                null,
                json(Map.of("email", email, "password", PASSWORD, "displayName", name)),
                null);
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            // 409: a retry after a timed-out registration found it done (the address is unique to this call)
            throw new AssertionError("register " + email + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return email;
    }

    /** An access token for the user. */
    public String login(String email) throws InterruptedException {
        return expect(
                        callUntilServed(
                                "POST", "/auth/login", null, json(Map.of("email", email, "password", PASSWORD)), null),
                        200)
                .get("accessToken")
                .asText();
    }

    /** A command's status ({@code ACCEPTED}, {@code APPLIED}, {@code REJECTED}). */
    public String status(String token, String commandId) throws IOException, InterruptedException {
        return expect(call("GET", "/commands/" + commandId, token, null), 200)
                .get("status")
                .asText();
    }

    /** Every debt of the user (optionally of one status), following {@code nextCursor} page by page. */
    public List<JsonNode> allDebts(String token, String status, int limit) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/debts?limit=" + limit
                    + (status == null ? "" : "&status=" + status)
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = expect(call("GET", path, token, null), 200);
            page.get("items").forEach(all::add);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    public static BigDecimal money(JsonNode node) {
        JsonNode value = node.isObject() ? node.get("amount") : node;
        return new BigDecimal(value.asText());
    }

    /**
     * Checks that the user's EUR summary equals what their open debts add up to (owed to me, owed by
     * me, open count); null when it does, else what differs.
     */
    public String eurSummaryDifference(String token) throws IOException, InterruptedException {
        BigDecimal owedToMe = BigDecimal.ZERO;
        BigDecimal owedByMe = BigDecimal.ZERO;
        int open = 0;
        for (JsonNode debt : allDebts(token, null, 100)) {
            if (debt.get("status").asText().equals("OPEN")) {
                open++;
                if (debt.get("direction").asText().equals("OWED_TO_ME")) {
                    owedToMe = owedToMe.add(money(debt.get("outstanding")));
                } else {
                    owedByMe = owedByMe.add(money(debt.get("outstanding")));
                }
            }
        }
        JsonNode totals = expect(call("GET", "/summary", token, null), 200).at("/currencies/EUR");
        if (totals.isMissingNode()) {
            return open == 0 ? null : "no EUR summary for " + open + " open debts";
        }
        if (money(totals.get("owedToMe")).compareTo(owedToMe) != 0
                || money(totals.get("owedByMe")).compareTo(owedByMe) != 0
                || totals.get("openCount").asInt() != open) {
            return "summary " + totals + " but the debts add up to owedToMe=" + owedToMe + " owedByMe=" + owedByMe
                    + " openCount=" + open;
        }
        return null;
    }
}
