package dev.tally.common.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.utils.AttributeMap;

/** The wrapper hands the HTTP client no Content-Length, and the wire still carries the right one. */
class BufferedBodyHttpClientTest {

    private record Received(String target, String contentLength, String authorization, String body, int port) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Length"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(body, StandardCharsets.UTF_8),
                    exchange.getRemoteAddress().getPort()));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void awsClients_sendTheBodyWithItsContentLength_onOneKeptAliveConnection() {
        AwsClients clients = AwsClients.builder()
                .environment(Map.of(
                        "AWS_REGION",
                        "us-east-1",
                        "AWS_ENDPOINT_URL_DYNAMODB",
                        "http://127.0.0.1:" + server.getAddress().getPort())::get)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();

        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            for (int call = 0; call < 3; call++) {
                dynamoDb.getItem(request -> request.tableName("tally-summaries")
                        .key(Map.of("userId", AttributeValue.fromS("user-1")))
                        .consistentRead(true));
            }
        }

        assertThat(received).hasSize(3);
        for (Received request : received) {
            assertThat(request.target()).isEqualTo("DynamoDB_20120810.GetItem");
            assertThat(request.body()).contains("\"TableName\":\"tally-summaries\"");
            assertThat(request.contentLength())
                    .isEqualTo(String.valueOf(request.body().getBytes(StandardCharsets.UTF_8).length));
            assertThat(request.authorization()).contains("content-length");
        }
        assertThat(received.stream().map(Received::port).distinct()).hasSize(1);
    }

    @Test
    void prepareRequest_givesTheDelegateTheSameRequestAndBodyWithoutContentLength() throws IOException {
        Capturing capturing = new Capturing();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .httpClientBuilder(BufferedBodyHttpClient.wrapping(capturing))
                .build()) {
            dynamoDb.getItem(request ->
                    request.tableName("tally-summaries").key(Map.of("userId", AttributeValue.fromS("user-1"))));
        }

        assertThat(capturing.requests).hasSize(1);
        HttpExecuteRequest request = capturing.requests.get(0);
        assertThat(request.httpRequest().firstMatchingHeader("Content-Length")).isEmpty();
        assertThat(request.httpRequest().firstMatchingHeader("X-Amz-Target")).contains("DynamoDB_20120810.GetItem");
        assertThat(request.httpRequest().firstMatchingHeader("Authorization")).isPresent();
        try (InputStream body = request.contentStreamProvider().orElseThrow().newStream()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("\"TableName\":\"tally-summaries\"");
        }
    }

    /** A builder whose client records each request and answers an empty item. */
    private static final class Capturing implements SdkHttpClient.Builder<Capturing> {
        final List<HttpExecuteRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return new SdkHttpClient() {
                @Override
                public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                    requests.add(request);
                    return new ExecutableHttpRequest() {
                        @Override
                        public HttpExecuteResponse call() {
                            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                            return HttpExecuteResponse.builder()
                                    .response(SdkHttpResponse.builder()
                                            .statusCode(200)
                                            .putHeader("Content-Length", String.valueOf(answer.length))
                                            .build())
                                    .responseBody(AbortableInputStream.create(new java.io.ByteArrayInputStream(answer)))
                                    .build();
                        }

                        @Override
                        public void abort() {}
                    };
                }

                @Override
                public void close() {}
            };
        }
    }
}
