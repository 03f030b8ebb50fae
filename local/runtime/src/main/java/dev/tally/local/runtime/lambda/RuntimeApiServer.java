package dev.tally.local.runtime.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tally.local.runtime.net.LoopbackHttpServers;
import dev.tally.local.runtime.net.RequestBodies;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (version 2018-06-01) for one container, on a loopback port: the runtime
 * interface client inside the container long-polls {@code invocation/next}, and posts each
 * invocation's {@code response} or {@code error}, or an {@code init/error}.
 *
 * <p>See https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html for the protocol.
 */
final class RuntimeApiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/2018-06-01/runtime/";
    /** Lambda's limit on a synchronous response payload (6 MB). */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    private final HttpServer server;
    private final String functionArn;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<InvocationResult.FunctionError> initError = new CompletableFuture<>();
    private volatile boolean closed;

    /** An invocation handed to the container, with the future its outcome completes. */
    record Pending(
            Invocation invocation,
            long deadlineEpochMillis,
            CompletableFuture<Long> delivered,
            CompletableFuture<InvocationResult> result) {}

    RuntimeApiServer(String functionArn) throws IOException {
        this.functionArn = functionArn;
        // The runtime holds one long poll and posts one outcome at a time: a few threads are plenty.
        this.server = LoopbackHttpServers.create(0, 16, "runtime-api", 4, 16);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes with {@link System#nanoTime()} when the runtime first asks for work (init done). */
    CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    /** Completes when the runtime reports an initialisation error. */
    CompletableFuture<InvocationResult.FunctionError> initError() {
        return initError;
    }

    /** Queues an invocation for the container; the returned pending's futures report delivery and outcome. */
    Pending submit(Invocation invocation, long deadlineEpochMillis) {
        Pending pending =
                new Pending(invocation, deadlineEpochMillis, new CompletableFuture<>(), new CompletableFuture<>());
        queue.add(pending);
        return pending;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                byte[] body = readBody(exchange);
                body = body == null ? "{}".getBytes(StandardCharsets.UTF_8) : body;
                initError.complete(new InvocationResult.FunctionError(
                        errorType(body, errorType(exchange, "Runtime.InitError")), body));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/response".length()), false);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/error".length()), true);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Unknown runtime API path\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        Pending pending = null;
        while (pending == null && !closed) {
            try {
                pending = queue.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (pending == null) {
            send(exchange, 410, "{\"errorMessage\":\"Container is shutting down\",\"errorType\":\"Gone\"}");
            return;
        }
        Invocation invocation = pending.invocation();
        inFlight.put(invocation.requestId(), pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(pending.deadlineEpochMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceHeader());
        pending.delivered().complete(System.nanoTime());
        exchange.sendResponseHeaders(200, invocation.payload().length == 0 ? -1 : invocation.payload().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.payload());
        }
    }

    private void complete(HttpExchange exchange, String requestId, boolean error) throws IOException {
        byte[] body = readBody(exchange);
        boolean tooLarge = body == null;
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        InvocationResult result;
        if (tooLarge) {
            result = new InvocationResult.FunctionError(
                    "Function.ResponseSizeTooLarge",
                    ("{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size ("
                                    + MAX_RESPONSE_BYTES
                                    + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}")
                            .getBytes(StandardCharsets.UTF_8));
        } else if (error) {
            result = new InvocationResult.FunctionError(errorType(body, errorType(exchange, "Runtime.Unknown")), body);
        } else {
            result = new InvocationResult.Success(body);
        }
        pending.result().complete(result);
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String errorType(HttpExchange exchange, String fallback) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? fallback : type;
    }

    /** The {@code errorType} of the runtime's error document (what Lambda reports), else the header's type. */
    private static String errorType(byte[] body, String fallback) {
        try {
            JsonNode type = JSON.readTree(body).get("errorType");
            return type != null && type.isTextual() && !type.asText().isBlank() ? type.asText() : fallback;
        } catch (IOException e) {
            return fallback;
        }
    }

    /** The body, or null if it is over Lambda's response limit (the runtime's error documents share it). */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        return RequestBodies.read(exchange, MAX_RESPONSE_BYTES).orElse(null);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        LoopbackHttpServers.stop(server);
    }
}
