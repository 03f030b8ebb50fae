package dev.tally.local.runtime.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tally.local.runtime.net.LoopbackHttpServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One local endpoint answering both the X-Ray API subset ({@link LocalXRayApi}, REST-JSON paths
 * {@code /TraceSummaries} and {@code /Traces}) and the CloudWatch Logs subset ({@link LocalLogsApi},
 * JSON 1.1 with {@code X-Amz-Target: Logs_20140328.<operation>}) over what the local runtime
 * recorded, so that {@code tally ops coldstart report --source xray|logs --endpoint-url …} runs the
 * real SDK clients against a local run.
 */
public final class ObservabilityServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGS_TARGET = "Logs_20140328.";

    private final HttpServer server;
    private final LocalXRayApi xray;
    private final LocalLogsApi logs;

    /**
     * @param tracesFile    {@code traces.jsonl}
     * @param logsDirectory the directory of {@link FunctionLogs}
     * @param port          the port, 0 for any free one
     * @param pageSize      results per page of every paginated operation
     */
    public ObservabilityServer(Path tracesFile, Path logsDirectory, int port, int pageSize) throws IOException {
        this.xray = new LocalXRayApi(tracesFile, pageSize);
        this.logs = new LocalLogsApi(logsDirectory, pageSize);
        this.server = LoopbackHttpServers.create(port, 16, "observability-api", 2, 32);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint of both APIs. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException notJson) {
                send(
                        exchange,
                        ApiResponse.error("SerializationException", "The request body is not valid JSON."),
                        "application/json");
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null && target.startsWith(LOGS_TARGET)) {
                send(
                        exchange,
                        logs.handle(target.substring(LOGS_TARGET.length()), request),
                        "application/x-amz-json-1.1");
            } else {
                send(exchange, xray.handle(exchange.getRequestURI().getPath(), request), "application/json");
            }
        }
    }

    private static void send(HttpExchange exchange, ApiResponse response, String contentType) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (response.errorType() != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", response.errorType());
        }
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        LoopbackHttpServers.stop(server);
    }
}
