package dev.tally.local.runtime.http;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as API Gateway receives it, independent of the server that read it.
 *
 * @param method the HTTP method
 * @param rawPath the path, still percent-encoded
 * @param rawQueryString the query string without {@code ?}, still encoded ("" when none)
 * @param headers header names (any case) to their values, in arrival order
 * @param body the body bytes (empty when none)
 * @param sourceIp the client's address
 * @param protocol e.g. {@code HTTP/1.1}
 */
public record HttpApiRequest(
        String method,
        String rawPath,
        String rawQueryString,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {

    public HttpApiRequest {
        headers = Map.copyOf(headers);
        rawQueryString = rawQueryString == null ? "" : rawQueryString;
        body = body == null ? new byte[0] : body;
    }
}
