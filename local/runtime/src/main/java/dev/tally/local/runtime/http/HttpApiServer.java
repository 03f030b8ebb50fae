package dev.tally.local.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tally.local.runtime.lambda.Invocation;
import dev.tally.local.runtime.lambda.InvocationResult;
import dev.tally.local.runtime.lambda.LocalLambda;
import dev.tally.local.runtime.net.LoopbackHttpServers;
import dev.tally.local.runtime.net.RequestBodies;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local HTTP API: the JDK HTTP server on a loopback port, routing each request to its function
 * as an API Gateway HTTP API (payload format 2.0) would. A function error is a 500
 * {@code {"message":"Internal Server Error"}}, as API Gateway answers; its details stay in the log.
 * A body over API Gateway's 10 MB payload limit is refused with 413 before it is buffered; requests
 * run on a bounded pool of {@link #defaultThreads()} threads (see {@link LoopbackHttpServers}).
 */
public final class HttpApiServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HttpApiServer.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** API Gateway's limit on an HTTP API request payload. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final HttpServer server;
    private final RouteTable routes;
    private final LocalLambda lambda;
    private final PayloadFormatV2 format;

    public HttpApiServer(int port, RouteTable routes, LocalLambda lambda, String accountId) throws IOException {
        this(port, routes, lambda, accountId, defaultThreads());
    }

    /** @param threads requests handled at once; more wait in a bounded queue, then in the socket's backlog */
    public HttpApiServer(int port, RouteTable routes, LocalLambda lambda, String accountId, int threads)
            throws IOException {
        this.routes = routes;
        this.lambda = lambda;
        this.format = new PayloadFormatV2(new ObjectMapper(), accountId, "local");
        this.server = LoopbackHttpServers.create(port, 1024, "http-api", threads, 16 * threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code path} (a prefix, outside the template's routes) with {@code handler} on this port: the local docs. */
    public void serve(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    /**
     * Sixteen request threads per core, at least 64: requests mostly wait for a container of their
     * function, not for the CPU. (With 16 threads and a queue of 64, the first pipeline benchmark
     * at 100 commands/s saw connections refused once the dispatcher ran overflow itself.)
     */
    public static int defaultThreads() {
        return Math.max(64, 16 * Runtime.getRuntime().availableProcessors());
    }

    /** The base URL, e.g. {@code http://127.0.0.1:3000}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<HttpApiRequest> request = read(exchange);
            HttpApiResponse response = request.isPresent()
                    ? respond(request.get())
                    : HttpApiResponse.gatewayError(413, "Request Entity Too Large");
            exchange.getResponseHeaders().set("apigw-requestid", newRequestId());
            response.headers()
                    .forEach((name, values) -> values.forEach(
                            value -> exchange.getResponseHeaders().add(name, value)));
            boolean noBody =
                    response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    HttpApiResponse respond(HttpApiRequest request) {
        Optional<Route.Match> match = routes.match(request.method(), request.rawPath());
        if (match.isEmpty()) {
            return HttpApiResponse.gatewayError(404, "Not Found");
        }
        String requestId = newRequestId();
        byte[] event = format.event(request, match.get(), requestId, Instant.now());
        String trace = request.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("x-amzn-trace-id"))
                .map(header -> header.getValue().get(0))
                .findFirst()
                .orElse(null);
        InvocationResult result;
        try {
            result = lambda.invoke(match.get().route().functionName(), Invocation.continuing(event, trace));
        } catch (RuntimeException e) {
            // The function could not be invoked (its container cannot start): the reason goes to the log only.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot invoke " + match.get().route().functionName() + ": " + e.getMessage());
            return HttpApiResponse.gatewayError(500, "Internal Server Error");
        }
        if (result instanceof InvocationResult.Success success) {
            return format.response(success.payload());
        }
        if (result instanceof InvocationResult.Timeout) {
            return HttpApiResponse.gatewayError(503, "Service Unavailable");
        }
        return HttpApiResponse.gatewayError(500, "Internal Server Error");
    }

    private static Optional<HttpApiRequest> read(HttpExchange exchange) throws IOException {
        Optional<byte[]> body = RequestBodies.read(exchange, MAX_BODY_BYTES);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
        URI uri = exchange.getRequestURI();
        return Optional.of(new HttpApiRequest(
                exchange.getRequestMethod(),
                uri.getRawPath(),
                uri.getRawQuery(),
                headers,
                body.get(),
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getProtocol()));
    }

    private static String newRequestId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('/', 'A').replace('+', 'B');
    }

    @Override
    public void close() {
        LoopbackHttpServers.stop(server);
    }
}
