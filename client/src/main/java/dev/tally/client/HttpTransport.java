package dev.tally.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.events.FieldProblem;
import dev.tally.events.TallyJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Sends one request with its retries, tells the listener, and turns error answers into {@link TallyApiException}. */
final class HttpTransport {

    /** An answer with a 2xx status. */
    record Answer(int status, Map<String, String> headers, String body) {}

    private final URI base;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retries;
    private final ExchangeListener listener;

    HttpTransport(URI base, HttpClient http, Duration requestTimeout, RetryPolicy retries, ExchangeListener listener) {
        String text = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.retries = Objects.requireNonNull(retries, "retries");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Sends {@code method path} and returns its 2xx answer.
     *
     * @param headers   extra request headers (Authorization, Idempotency-Key)
     * @param body      the JSON body, or null for none
     * @param retryable whether the request may be sent again after a timeout or a 5xx
     * @throws TallyApiException    for a 4xx, or a 5xx once the retries are spent
     * @throws TallyClientException when no answer came on any attempt
     */
    Answer send(String method, String path, Map<String, String> headers, String body, boolean retryable) {
        URI uri = URI.create(base + path);
        int attempts = retryable ? retries.maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            Map<String, String> sent = new LinkedHashMap<>(headers);
            sent.put("Accept", "application/json");
            if (body != null) {
                sent.put("Content-Type", "application/json");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            sent.forEach(request::header);
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException failed) {
                // HttpTimeoutException and ConnectException included: the request may or may not have been applied.
                if (attempt >= attempts) {
                    throw new TallyClientException(
                            method + " " + path + ": no answer after " + attempt + " attempt(s): "
                                    + failed.getClass().getSimpleName(),
                            failed);
                }
                pause(retries.backoff(attempt));
                continue;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new TallyClientException(method + " " + path + ": interrupted", interrupted);
            }
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> answerHeaders.put(name, values.get(0)));
            listener.exchanged(
                    new Exchange(method, uri, sent, body, response.statusCode(), answerHeaders, response.body()));
            int status = response.statusCode();
            if (status >= 500 && attempt < attempts) {
                pause(retries.backoff(attempt));
                continue;
            }
            if (status >= 400) {
                throw error(status, answerHeaders, response.body());
            }
            return new Answer(status, answerHeaders, response.body());
        }
    }

    private static TallyApiException error(int status, Map<String, String> headers, String body) {
        Duration retryAfter = headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Retry-After"))
                .map(Map.Entry::getValue)
                .filter(value -> value.matches("[0-9]{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .findFirst()
                .orElse(null);
        try {
            JsonNode root = TallyJson.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
            JsonNode error = root.path("error");
            if (error.isObject()) {
                List<FieldProblem> fields = new ArrayList<>();
                error.path("fields")
                        .forEach(field -> fields.add(new FieldProblem(
                                field.path("field").asText("body"),
                                field.path("problem").asText(""))));
                return new TallyApiException(
                        status,
                        error.path("code").asText(null),
                        error.path("message").asText(""),
                        fields,
                        error.path("requestId").asText(null),
                        retryAfter);
            }
            return new TallyApiException(
                    status, null, root.path("message").asText("HTTP " + status), List.of(), null, retryAfter);
        } catch (IOException notJson) {
            return new TallyApiException(
                    status, null, "HTTP " + status + " (the answer is not JSON)", List.of(), null, retryAfter);
        }
    }

    static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TallyClientException("interrupted while waiting to retry", interrupted);
        }
    }
}
