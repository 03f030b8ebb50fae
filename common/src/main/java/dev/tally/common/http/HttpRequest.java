package dev.tally.common.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Our read-only view of an API Gateway HTTP API (payload v2) request, so handlers never touch the
 * mutable event: route key, path and query parameters, headers looked up case-insensitively, the
 * body decoded from base64 when API Gateway encoded it, and the request id.
 */
public final class HttpRequest {

    private static final String BEARER = "bearer";

    private final String routeKey;
    private final Map<String, String> pathParameters;
    private final Map<String, String> queryParameters;
    private final Map<String, String> headers;
    private final String body;
    private final String requestId;
    private final String sourceIp;

    private HttpRequest(
            String routeKey,
            Map<String, String> pathParameters,
            Map<String, String> queryParameters,
            Map<String, String> headers,
            String body,
            String requestId,
            String sourceIp) {
        this.sourceIp = sourceIp;
        this.routeKey = routeKey;
        this.pathParameters = pathParameters;
        this.queryParameters = queryParameters;
        this.headers = headers;
        this.body = body;
        this.requestId = requestId;
    }

    /**
     * Converts the event.
     *
     * @throws ApiException {@code MALFORMED_JSON} when the body is flagged base64 but is not
     */
    public static HttpRequest from(APIGatewayV2HTTPEvent event) {
        Objects.requireNonNull(event, "event");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        String requestId =
                event.getRequestContext() == null || event.getRequestContext().getRequestId() == null
                        ? "unknown"
                        : event.getRequestContext().getRequestId();
        return new HttpRequest(
                event.getRouteKey() == null ? "" : event.getRouteKey(),
                copy(event.getPathParameters()),
                copy(event.getQueryStringParameters()),
                headers,
                decodedBody(event),
                requestId,
                event.getRequestContext() == null
                                || event.getRequestContext().getHttp() == null
                                || event.getRequestContext().getHttp().getSourceIp() == null
                        ? "unknown"
                        : event.getRequestContext().getHttp().getSourceIp());
    }

    /** The client's address as API Gateway saw it ({@code requestContext.http.sourceIp}), or {@code unknown}. */
    public String sourceIp() {
        return sourceIp;
    }

    /** The route key exactly as API Gateway sends it, e.g. {@code POST /debts}. */
    public String routeKey() {
        return routeKey;
    }

    /** API Gateway's request id (quoted in error answers and logs). */
    public String requestId() {
        return requestId;
    }

    /**
     * A path parameter of the route, e.g. {@code debtId}.
     *
     * @throws IllegalStateException when the route has no such parameter (a wiring error, answered 500)
     */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("Route " + routeKey + " has no path parameter " + name);
        }
        return value;
    }

    /** A query string parameter, when present. */
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    /** A header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The body as text (decoded from base64 when API Gateway encoded it), when there is one. */
    public Optional<String> body() {
        return Optional.ofNullable(body);
    }

    /**
     * The body of a route that takes JSON: checks the content type (415), that a body is there (400) and
     * its size (413: over {@link Limits#BODY_MAX} bytes of UTF-8), and returns it. This is the one place
     * the body size is enforced (ADR 0167); both refusals name {@code body} and its problem in
     * {@code fields}.
     */
    public String requireJsonBody() {
        return requireJsonBody(Limits.BODY_MAX);
    }

    /** {@link #requireJsonBody()} with another limit, in UTF-8 bytes (for tests of the rule itself). */
    String requireJsonBody(int maxBytes) {
        header("Content-Type").ifPresent(HttpRequest::requireJsonContentType);
        if (body == null || body.isBlank()) {
            throw new ApiException(
                    ErrorCode.MALFORMED_JSON,
                    "A JSON body is required.",
                    List.of(new FieldProblem(FieldProblem.BODY, "is empty: send a JSON object")));
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body must not exceed " + maxBytes + " bytes.",
                    List.of(new FieldProblem(FieldProblem.BODY, "must be at most " + maxBytes + " bytes of UTF-8")));
        }
        return body;
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), when
     * there is one. The token is a credential: never log it.
     */
    public Optional<String> bearerToken() {
        return header("Authorization").flatMap(HttpRequest::bearerTokenOf);
    }

    static Optional<String> bearerTokenOf(String authorization) {
        String value = authorization.strip();
        int space = indexOfWhitespace(value);
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String token = value.substring(space + 1).strip();
        return token.isEmpty() || indexOfWhitespace(token) >= 0 ? Optional.empty() : Optional.of(token);
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void requireJsonContentType(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.UNSUPPORTED_MEDIA_TYPE.defaultMessage());
        }
    }

    private static String decodedBody(APIGatewayV2HTTPEvent event) {
        String raw = event.getBody();
        if (raw == null || !event.getIsBase64Encoded()) {
            return raw;
        }
        try {
            return new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw ApiException.malformedJson("The request body could not be decoded.");
        }
    }

    private static Map<String, String> copy(Map<String, String> parameters) {
        return parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
