package dev.tally.contract;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request and its answer, as the contract sees them: what a client sent and what it got back.
 *
 * @param method          the HTTP method, e.g. {@code POST}
 * @param path            the raw path, e.g. {@code /debts/019a…/payments}
 * @param rawQuery        the raw query string without {@code ?}, or empty
 * @param requestHeaders  the request headers (names case-insensitive)
 * @param requestBody     the request body, or null for none
 * @param status          the answer's status code
 * @param responseHeaders the answer's headers (names case-insensitive)
 * @param responseBody    the answer's body, or null for none
 */
public record Exchange(
        String method,
        String path,
        String rawQuery,
        Map<String, String> requestHeaders,
        String requestBody,
        int status,
        Map<String, String> responseHeaders,
        String responseBody) {

    public Exchange {
        rawQuery = rawQuery == null ? "" : rawQuery;
        requestHeaders = caseInsensitive(requestHeaders);
        responseHeaders = caseInsensitive(responseHeaders);
    }

    /** The exchange of a Lambda handler: an API Gateway HTTP API (payload 2.0) event and the handler's answer. */
    public static Exchange of(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
        String method =
                event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                        ? event.getRequestContext().getHttp().getMethod()
                        : event.getRouteKey().split(" ", 2)[0];
        return new Exchange(
                method,
                event.getRawPath(),
                event.getRawQueryString(),
                event.getHeaders(),
                decode(event.getBody(), event.getIsBase64Encoded()),
                response.getStatusCode(),
                response.getHeaders(),
                decode(response.getBody(), response.getIsBase64Encoded()));
    }

    /** {@code METHOD path}, for messages. */
    public String request() {
        return method + " " + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    private static String decode(String body, boolean base64) {
        if (body == null || !base64) {
            return body;
        }
        return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            copy.putAll(headers);
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}
