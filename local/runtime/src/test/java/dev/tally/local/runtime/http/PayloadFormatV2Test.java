package dev.tally.local.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payload format 2.0 per https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html. */
class PayloadFormatV2Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PayloadFormatV2 format = new PayloadFormatV2(JSON, "000000000000", "local");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void event_joinsRepeatedHeadersAndQueryValues_andOmitsEmptyParts() throws Exception {
        HttpApiRequest request = new HttpApiRequest(
                "GET",
                "/debts",
                "status=OPEN&status=SETTLED&q=a%20b",
                Map.of("Accept", List.of("a", "b"), "Host", List.of("127.0.0.1:3000")),
                new byte[0],
                "127.0.0.1",
                "HTTP/1.1");
        Route.Match match = new Route.Match(new Route("GET", "/debts", "Query"), Map.of());

        JsonNode event = JSON.readTree(format.event(request, match, "rid", Instant.ofEpochMilli(1_700_000_000_123L)));

        assertThat(event.at("/headers/accept").asText()).isEqualTo("a,b");
        assertThat(event.at("/queryStringParameters/status").asText()).isEqualTo("OPEN,SETTLED");
        assertThat(event.at("/queryStringParameters/q").asText()).isEqualTo("a b");
        assertThat(event.has("pathParameters")).isFalse();
        assertThat(event.has("body")).isFalse();
        assertThat(event.has("cookies")).isFalse();
        assertThat(event.at("/requestContext/timeEpoch").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(event.at("/requestContext/time").asText()).isEqualTo("14/Nov/2023:22:13:20 +0000");
        assertThat(event.at("/requestContext/stage").asText()).isEqualTo("$default");
    }

    @Test
    void response_mapsStatusHeadersMultiValueHeadersAndCookies() {
        HttpApiResponse response = format.response(bytes("{\"statusCode\":409,\"headers\":{\"X-A\":\"1\"},"
                + "\"multiValueHeaders\":{\"X-B\":[\"2\",\"3\"]},\"cookies\":[\"c=1\"],\"body\":\"{\\\"e\\\":1}\"}"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers())
                .containsEntry("x-a", List.of("1"))
                .containsEntry("x-b", List.of("2", "3"))
                .containsEntry("set-cookie", List.of("c=1"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"e\":1}");
    }

    @Test
    void response_whenNotJsonOrStatusInvalid_is502() {
        assertThat(format.response(bytes("not json")).statusCode()).isEqualTo(502);
        assertThat(format.response(bytes("{\"statusCode\":\"abc\"}")).statusCode())
                .isEqualTo(502);
        assertThat(format.response(bytes("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"***\"}"))
                        .statusCode())
                .isEqualTo(502);
    }

    @Test
    void response_whenPlainJsonString_isInferredAs200() {
        HttpApiResponse response = format.response(bytes("\"hello\""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("\"hello\"");
    }
}
