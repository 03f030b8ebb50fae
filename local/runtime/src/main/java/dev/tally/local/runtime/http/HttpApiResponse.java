package dev.tally.local.runtime.http;

import java.util.List;
import java.util.Map;

/** The HTTP response API Gateway sends back: status, headers (each possibly repeated) and body bytes. */
public record HttpApiResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {

    public HttpApiResponse {
        headers = Map.copyOf(headers);
    }

    /** API Gateway's own JSON error answer, e.g. {@code {"message":"Not Found"}}. */
    static HttpApiResponse gatewayError(int statusCode, String message) {
        return new HttpApiResponse(
                statusCode,
                Map.of("content-type", List.of("application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
