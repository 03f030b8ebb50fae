package dev.tally.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bench.http.Http11Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tally's HTTP API as the pipeline benchmark calls it: JSON in, {@code (status, JSON)} out.
 *
 * <p>HTTP/1.1 over plain sockets kept alive in a pool, one blocking thread per request in flight
 * (ADR 0126): the JDK {@code HttpClient} it replaces spent ~3 CPU ms per request of the benchmark
 * process on the 2-core machine, as much as a function container's invocation. A request that gets
 * no answer within 30 s fails as a timeout (the benchmark resubmits it with its idempotency key);
 * a request that fails on a pooled connection the server has closed meanwhile is sent once more on
 * a new one (every request here is a GET or an idempotent POST).
 */
final class PipelineClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MILLIS = 30_000;

    /** An answer: the status code and the parsed body (a missing node when the body is not JSON). */
    record Answer(int status, JsonNode body) {}

    private final String host;
    private final int port;
    private final ConcurrentLinkedDeque<Http11Connection> idle = new ConcurrentLinkedDeque<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "pipeline-http");
        thread.setDaemon(true);
        return thread;
    });

    PipelineClient(URI api) {
        this.host = api.getHost();
        this.port = api.getPort() < 0 ? 80 : api.getPort();
    }

    CompletableFuture<Answer> send(String method, String path, String token, String body) {
        return send(method, path, token, body, null);
    }

    CompletableFuture<Answer> send(String method, String path, String token, String body, String idempotencyKey) {
        byte[] request = request(method, path, token, body, idempotencyKey);
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return exchange(request);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                threads);
    }

    Answer call(String method, String path, String token, String body) {
        return send(method, path, token, body).join();
    }

    private byte[] request(String method, String path, String token, String body, String idempotencyKey) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\nContent-Length: ")
                .append(content.length)
                .append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (idempotencyKey != null) {
            head.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
        }
        return Http11Connection.request(head.append("\r\n").toString(), content);
    }

    private Answer exchange(byte[] request) throws IOException {
        Http11Connection pooled = idle.pollFirst();
        if (pooled != null) {
            try {
                return exchange(pooled, request);
            } catch (java.net.SocketTimeoutException e) {
                throw e;
            } catch (IOException staleKeepAlive) {
                // closed by the server while idle: once more on a new connection
            }
        }
        return exchange(new Http11Connection(host, port, 5_000, TIMEOUT_MILLIS), request);
    }

    private Answer exchange(Http11Connection connection, byte[] request) throws IOException {
        boolean reusable = false;
        try {
            Http11Connection.Response response = connection.exchange(request);
            reusable = response.keepAlive();
            return new Answer(response.status(), parse(response.body()));
        } finally {
            if (reusable) {
                idle.offerFirst(connection);
            } else {
                connection.close();
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** "12.34" as 1234 (EUR has two fraction digits). */
    static long cents(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    static String amount(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
