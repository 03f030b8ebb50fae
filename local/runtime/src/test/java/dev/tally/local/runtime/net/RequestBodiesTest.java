package dev.tally.local.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies are read up to the limit, whether their length is declared or chunked. */
class RequestBodiesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackHttpServers.create(0, 4, "test", 2, 2);
        server.createContext("/", exchange -> {
            try (exchange) {
                var body = RequestBodies.read(exchange, 10);
                byte[] answer = body.map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                        .orElse("too large")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(body.isPresent() ? 200 : 413, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        LoopbackHttpServers.stop(server);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void read_whenWithinTheLimit_returnsTheBody() throws Exception {
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString("0123456789"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("0123456789");
    }

    @Test
    void read_whenTheDeclaredLengthIsOverTheLimit_isEmpty() throws Exception {
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString("0123456789A"));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void read_whenAChunkedBodyGrowsOverTheLimit_isEmpty() throws Exception {
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                (Flow.Publisher<java.nio.ByteBuffer>) HttpRequest.BodyPublishers.ofString("x".repeat(100)));

        HttpResponse<String> response = post(chunked);

        assertThat(response.statusCode()).isEqualTo(413);
    }
}
