package dev.tally.local.dynamodb.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.ApiException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The HTTP side: answers {@code POST /} in the JSON 1.0 protocol with an {@code x-amz-crc32}
 * checksum and AWS's error shape on failure, over {@link Http11Server}. Signatures are accepted
 * without being checked. An unexpected failure answers a generic 500, never exception text.
 */
public final class HttpFront implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final Dispatcher dispatcher;
    private Http11Server server;

    private HttpFront(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Binds and starts serving; port 0 picks a free port. At most {@code maxConnections} are served at
     * once; a connection silent for {@code idleTimeout} is closed.
     */
    public static HttpFront start(
            InetSocketAddress address, Dispatcher dispatcher, int maxConnections, java.time.Duration idleTimeout) {
        HttpFront front = new HttpFront(dispatcher);
        front.server = Http11Server.start(address, maxConnections, idleTimeout, front::respond);
        return front;
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    private Http11Server.Response respond(String method, Map<String, String> headers, byte[] body) {
        if (!method.equals("POST")) {
            return response(200, "text/plain", "healthy: dynamodb.local".getBytes(StandardCharsets.UTF_8));
        }
        String target = headers.get("x-amz-target");
        try {
            ObjectNode result = dispatcher.dispatch(target, parse(body));
            return response(200, CONTENT_TYPE, JSON.writeValueAsBytes(result));
        } catch (ApiException e) {
            return response(e.status(), CONTENT_TYPE, write(errorBody(e)));
        } catch (RuntimeException | StackOverflowError | JsonProcessingException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error answering " + target, e);
            ObjectNode error = JSON.createObjectNode()
                    .put("__type", "com.amazonaws.dynamodb.v20120810#InternalServerError")
                    .put("message", "Internal server error");
            return response(500, CONTENT_TYPE, write(error));
        }
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an error body", e);
        }
    }

    private static Http11Server.Response response(int status, String contentType, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return new Http11Server.Response(
                status,
                contentType,
                body,
                Map.of("x-amz-crc32", Long.toString(crc.getValue()), "x-amzn-RequestId", requestId()));
    }

    /** A random request id in UUID form; no SecureRandom on the request path. */
    private static String requestId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static ObjectNode errorBody(ApiException e) {
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", e.qualifiedType());
        error.put("message", e.getMessage());
        error.setAll(e.extra());
        return error;
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new ApiException("SerializationException", 400, "The request body is not valid JSON");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
