package dev.tally.common.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.events.FieldProblem;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds API Gateway HTTP API (payload v2) answers: JSON bodies with {@code Content-Type:
 * application/json}, and the one mapping of {@link ApiError} to a status and body. Build one per
 * container with the project's {@code ObjectMapper}.
 */
public final class ApiResponses {

    private static final String JSON = "application/json";

    private final ObjectMapper mapper;

    /** Answers serialised with the given mapper (the project's one {@code ObjectMapper}). */
    public ApiResponses(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** A JSON answer with the given status. */
    public APIGatewayV2HTTPResponse json(int status, Object body) {
        return response(status, serialize(body), Map.of());
    }

    /** 200 with a JSON body. */
    public APIGatewayV2HTTPResponse ok(Object body) {
        return json(200, body);
    }

    /** 201 with a JSON body. */
    public APIGatewayV2HTTPResponse created(Object body) {
        return json(201, body);
    }

    /** 202 with a JSON body and a {@code Location} header (where to poll the command's status). */
    public APIGatewayV2HTTPResponse accepted(Object body, String location) {
        Objects.requireNonNull(location, "location");
        return response(202, serialize(body), Map.of("Location", location));
    }

    /** The answer for an error; a 401 also carries {@code WWW-Authenticate: Bearer}. */
    public APIGatewayV2HTTPResponse error(ApiError error) {
        Map<String, String> extra =
                error.code() == ErrorCode.UNAUTHORIZED ? Map.of("WWW-Authenticate", "Bearer") : Map.of();
        return response(error.status(), errorBody(error), extra);
    }

    /** The answer for an {@link ApiException} raised while handling the request (a 429 carries {@code Retry-After}). */
    public APIGatewayV2HTTPResponse error(ApiException exception, String requestId) {
        ApiError error = exception.toApiError(requestId);
        if (exception.retryAfterSeconds() > 0) {
            return response(
                    error.status(),
                    errorBody(error),
                    Map.of("Retry-After", Long.toString(exception.retryAfterSeconds())));
        }
        return error(error);
    }

    /** 500 with the generic message and the request id: nothing of the cause. */
    public APIGatewayV2HTTPResponse internalError(String requestId) {
        return error(
                new ApiError(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(), null, requestId));
    }

    private String errorBody(ApiError error) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("code", error.code().name());
        body.put("message", error.message());
        if (!error.fields().isEmpty()) {
            ArrayNode fields = body.putArray("fields");
            for (FieldProblem problem : error.fields()) {
                fields.addObject().put("field", problem.field()).put("problem", problem.problem());
            }
        }
        body.put("requestId", error.requestId());
        return serialize(root);
    }

    private String serialize(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException failed) {
            // The cause names the type only; handled as a 500 by ApiRequestHandling.
            throw new IllegalStateException(
                    "Could not serialise a response body of type "
                            + (body == null ? "null" : body.getClass().getName()),
                    failed);
        }
    }

    private static APIGatewayV2HTTPResponse response(int status, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
