package dev.tally.local.runtime.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tally.local.runtime.net.LoopbackHttpServers;
import dev.tally.local.runtime.net.RequestBodies;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal Secrets Manager endpoint (AWS JSON 1.1) serving {@code GetSecretValue} and
 * {@code DescribeSecret} for the template's secrets, by ARN or name, so that SDK clients pointed at
 * it with {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} work unchanged. Any other operation answers an
 * error naming it.
 *
 * <p>Any local user can reach a loopback port, so a request must be signed with the run's access
 * key id (its {@code Authorization} header names {@code Credential=<key id>/...}): the functions get
 * that id in their environment, which only the user running Tally can read; anyone else gets 403
 * {@code UnrecognizedClientException} (docs/adr/0111-local-runtime-server-limits.md).
 */
public final class LocalSecretsManager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Far above any GetSecretValue request; a larger body is refused unread. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final SecretStore store;
    private final String credentialPrefix;
    private final Map<String, String> arnsByName = new ConcurrentHashMap<>();

    /** @param accessKeyId the run's access key id, the one every caller must sign with */
    public LocalSecretsManager(SecretStore store, String accessKeyId) throws IOException {
        this.store = store;
        this.credentialPrefix = "Credential=" + accessKeyId + "/";
        this.server = LoopbackHttpServers.create(0, 16, "secrets-manager", 2, 32);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Makes a secret known under its ARN and name. */
    public void register(String arn, String name) {
        arnsByName.put(name, arn);
        arnsByName.put(arn, arn);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.contains(credentialPrefix)) {
                send(
                        exchange,
                        403,
                        error("UnrecognizedClientException", "The security token included in the request is invalid."));
                return;
            }
            Optional<byte[]> body = RequestBodies.read(exchange, MAX_BODY_BYTES);
            if (body.isEmpty()) {
                send(
                        exchange,
                        413,
                        error(
                                "SerializationException",
                                "The request body is larger than " + MAX_BODY_BYTES + " bytes."));
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request;
            try {
                request = JSON.readTree(body.get());
            } catch (IOException e) {
                send(exchange, 400, error("SerializationException", "The request body is not valid JSON."));
                return;
            }
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            if (!operation.equals("GetSecretValue") && !operation.equals("DescribeSecret")) {
                send(
                        exchange,
                        400,
                        error(
                                "UnsupportedOperation",
                                "The local Secrets Manager supports GetSecretValue and DescribeSecret only, not "
                                        + operation + "."));
                return;
            }
            String secretId = request == null ? null : request.path("SecretId").asText(null);
            String arn = secretId == null ? null : arnsByName.get(secretId);
            Optional<String> value = arn == null ? Optional.empty() : store.get(arn);
            if (value.isEmpty()) {
                send(
                        exchange,
                        400,
                        error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
                return;
            }
            ObjectNode response = JSON.createObjectNode();
            response.put("ARN", arn);
            response.put("Name", arn.substring(arn.lastIndexOf(':') + 1, arn.length() - 7));
            if (operation.equals("GetSecretValue")) {
                response.put("SecretString", value.get());
                response.put("VersionId", "00000000-0000-0000-0000-000000000001");
                response.putArray("VersionStages").add("AWSCURRENT");
            }
            response.put("CreatedDate", 0);
            send(exchange, 200, response.toString());
        }
    }

    private static String error(String type, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("__type", type);
        node.put("message", message);
        return node.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        LoopbackHttpServers.stop(server);
    }
}
