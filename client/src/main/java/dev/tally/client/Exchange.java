package dev.tally.client;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request the client sent and the answer it got, for an {@link ExchangeListener}.
 *
 * @param method          the HTTP method
 * @param uri             the full request URI
 * @param requestHeaders  the headers the client set (the {@code Authorization} value included)
 * @param requestBody     the body sent, or null
 * @param status          the answer's status code
 * @param responseHeaders the answer's headers (the first value of each)
 * @param responseBody    the answer's body (empty when none)
 */
public record Exchange(
        String method,
        URI uri,
        Map<String, String> requestHeaders,
        String requestBody,
        int status,
        Map<String, String> responseHeaders,
        String responseBody) {

    public Exchange {
        requestHeaders = Map.copyOf(requestHeaders);
        responseHeaders = Map.copyOf(responseHeaders);
    }
}
