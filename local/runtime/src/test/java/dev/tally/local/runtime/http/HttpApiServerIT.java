package dev.tally.local.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.runtime.RecordingPlatformLog;
import dev.tally.local.runtime.TestFunctionJar;
import dev.tally.local.runtime.lambda.ContainerLauncher;
import dev.tally.local.runtime.lambda.FunctionSpec;
import dev.tally.local.runtime.lambda.LocalLambda;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API with a real function container, checked against the payload format 2.0 of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html.
 */
class HttpApiServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path directory;

    private static LocalLambda lambda;
    private static HttpApiServer server;

    @BeforeAll
    static void start() throws Exception {
        FunctionSpec echo = new FunctionSpec(
                "HttpEcho",
                "dev.tally.local.runtime.testfunctions.HttpEchoHandler",
                TestFunctionJar.path(),
                256,
                Duration.ofSeconds(10),
                Map.of(),
                2);
        FunctionSpec missing = new FunctionSpec(
                "Missing", "x.Handler", directory.resolve("no-such.jar"), 256, Duration.ofSeconds(10), Map.of(), 1);
        lambda = new LocalLambda(
                List.of(echo, missing),
                new ContainerLauncher(directory.resolve("tasks"), Map.of(), ContainerLauncher.defaultJvmFlags()),
                new RecordingPlatformLog(directory.resolve("reports.jsonl")),
                "eu-west-1",
                Duration.ofMinutes(5));
        server = new HttpApiServer(
                0,
                new RouteTable(List.of(
                        new Route("POST", "/debts/{debtId}/payments", "HttpEcho"),
                        new Route("GET", "/plain", "HttpEcho"),
                        new Route("GET", "/binary", "HttpEcho"),
                        new Route("GET", "/boom", "HttpEcho"),
                        new Route("PUT", "/upload", "HttpEcho"),
                        new Route("GET", "/missing", "Missing"))),
                lambda,
                LocalLambda.ACCOUNT_ID);
    }

    @AfterAll
    static void stop() {
        server.close();
        lambda.close();
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(server.endpoint() + pathAndQuery);
    }

    @Test
    void request_becomesVersion2Event_andResponseIsMappedBack() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/debts/d%2D1/payments?tag=a&tag=b&x=1"))
                .header("Content-Type", "application/json")
                .header("X-Custom", "Value")
                .header("Cookie", "s=1; t=2")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1.00\"}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-echo")).contains("yes");
        assertThat(response.headers().allValues("set-cookie")).containsExactlyInAnyOrder("a=1; Path=/", "b=2");
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("POST /debts/{debtId}/payments");
        assertThat(event.get("rawPath").asText()).isEqualTo("/debts/d%2D1/payments");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("tag=a&tag=b&x=1");
        assertThat(event.at("/queryStringParameters/tag").asText()).isEqualTo("a,b");
        assertThat(event.at("/pathParameters/debtId").asText()).isEqualTo("d-1");
        assertThat(event.at("/headers/x-custom").asText()).isEqualTo("Value");
        assertThat(event.get("cookies")).extracting(JsonNode::asText).containsExactly("s=1", "t=2");
        assertThat(event.at("/requestContext/http/method").asText()).isEqualTo("POST");
        assertThat(event.at("/requestContext/requestId").asText()).isNotBlank();
        assertThat(event.at("/requestContext/timeEpoch").asLong()).isPositive();
        assertThat(event.get("body").asText()).isEqualTo("{\"amount\":\"1.00\"}");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void binaryRequestBody_isBase64Encoded_andBase64ResponseIsDecoded() throws Exception {
        byte[] bytes = {(byte) 0xff, 0, 7};
        JsonNode event = JSON.readTree(send(HttpRequest.newBuilder(uri("/upload"))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)))
                .body());
        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.get("body").asText())).isEqualTo(bytes);

        HttpResponse<byte[]> binary =
                send(HttpRequest.newBuilder(uri("/binary")).GET());
        assertThat(binary.body()).isEqualTo(new byte[] {0, 1, 2, (byte) 255});
        assertThat(binary.headers().firstValue("content-type")).contains("application/octet-stream");
    }

    /** Format 2.0: a response without statusCode is inferred as 200 with the JSON as body. */
    @Test
    void responseWithoutStatusCode_isInferredAs200Json() throws Exception {
        HttpResponse<byte[]> response =
                send(HttpRequest.newBuilder(uri("/plain")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(JSON.readTree(response.body()).get("hello").asText()).isEqualTo("world");
    }

    @Test
    void functionError_is500WithoutDetails_andUnknownRouteIs404() throws Exception {
        HttpResponse<byte[]> error = send(HttpRequest.newBuilder(uri("/boom")).GET());
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(new String(error.body())).isEqualTo("{\"message\":\"Internal Server Error\"}");

        HttpResponse<byte[]> noContainer =
                send(HttpRequest.newBuilder(uri("/missing")).GET());
        assertThat(noContainer.statusCode()).as("a function whose jar is gone").isEqualTo(500);
        assertThat(new String(noContainer.body())).isEqualTo("{\"message\":\"Internal Server Error\"}");

        HttpResponse<byte[]> missing = send(HttpRequest.newBuilder(uri("/nope")).GET());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body())).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void request_whenTheBodyIsOverApiGatewaysLimit_is413AndNoInvocation() throws Exception {
        byte[] body = new byte[HttpApiServer.MAX_BODY_BYTES + 1];

        HttpResponse<byte[]> response =
                send(HttpRequest.newBuilder(uri("/upload")).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(new String(response.body())).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }
}
