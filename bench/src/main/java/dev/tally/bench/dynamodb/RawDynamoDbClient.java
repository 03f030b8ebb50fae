package dev.tally.bench.dynamodb;

import dev.tally.bench.http.Http11Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal DynamoDB JSON 1.0 client: pre-serialised bodies over one keep-alive HTTP/1.1 socket, with the headers the
 * servers read ({@code X-Amz-Target}, {@code X-Amz-Date}, a syntactically valid but unsigned {@code Authorization}).
 * It costs the benchmark a few microseconds per request instead of the SDK's marshalling and signing, so the
 * servers, not the client, bound the measurement. One instance per thread: it is not thread-safe.
 */
final class RawDynamoDbClient implements AutoCloseable {

    private static final String AUTHORIZATION =
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request,"
                    + " SignedHeaders=host;x-amz-date;x-amz-target, Signature=0";
    private static final Pattern ERROR_TYPE = Pattern.compile("\"__type\"\\s*:\\s*\"([^\"]*)\"");

    private final String host;
    private final int port;
    private Http11Connection connection;

    RawDynamoDbClient(URI endpoint) {
        this.host = endpoint.getHost();
        this.port = endpoint.getPort();
    }

    /**
     * Sends {@code DynamoDB_20120810.<operation>} with the given JSON body and returns the response body.
     *
     * @throws IllegalStateException when the status is not 200 (naming the status and the error {@code __type})
     */
    String call(String operation, String jsonBody) {
        byte[] request = request(operation, jsonBody.getBytes(StandardCharsets.UTF_8));
        Response response;
        try {
            response = exchange(request);
        } catch (IOException staleKeepAlive) {
            close();
            try {
                response = exchange(request);
            } catch (IOException failure) {
                close();
                throw new UncheckedIOException(operation + " to " + host + ":" + port + " failed", failure);
            }
        }
        if (response.status() != 200) {
            Matcher type = ERROR_TYPE.matcher(response.body());
            throw new IllegalStateException(
                    operation + " answered HTTP " + response.status() + (type.find() ? " " + type.group(1) : ""));
        }
        return response.body();
    }

    private byte[] request(String operation, byte[] body) {
        String head = "POST / HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810." + operation
                + "\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: " + AUTHORIZATION
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        return Http11Connection.request(head, body);
    }

    private record Response(int status, String body) {}

    private Response exchange(byte[] request) throws IOException {
        if (connection == null) {
            connection = new Http11Connection(host, port, 10_000, 30_000);
        }
        Http11Connection.Response response = connection.exchange(request);
        if (!response.keepAlive()) {
            close();
        }
        return new Response(response.status(), new String(response.body(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
