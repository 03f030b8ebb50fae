package dev.tally.common.http;

import dev.tally.events.FieldProblem;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by request handling code to answer with an {@link ApiError}. Its message is written for
 * the client (it is sent as is), so it never wraps another exception's text.
 *
 * <p>Stack traces are not captured: this is flow at the edge, not a fault.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient List<FieldProblem> fields;
    private final long retryAfterSeconds;

    /** An error with a client-facing message. */
    public ApiException(ErrorCode code, String clientMessage) {
        this(code, clientMessage, List.of());
    }

    /** An error with a client-facing message and field problems. */
    public ApiException(ErrorCode code, String clientMessage, List<FieldProblem> fields) {
        this(code, clientMessage, fields, 0);
    }

    private ApiException(ErrorCode code, String clientMessage, List<FieldProblem> fields, long retryAfterSeconds) {
        super(Objects.requireNonNull(clientMessage, "clientMessage"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.fields = List.copyOf(fields);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with {@code Retry-After: retryAfterSeconds} (at least 1). */
    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(
                ErrorCode.TOO_MANY_REQUESTS,
                ErrorCode.TOO_MANY_REQUESTS.defaultMessage(),
                List.of(),
                Math.max(1, retryAfterSeconds));
    }

    /** Seconds the client should wait before retrying, or 0 when the answer has no {@code Retry-After}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 400 naming each invalid field and its problem. */
    public static ApiException validationFailed(List<FieldProblem> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one field problem");
        }
        return new ApiException(ErrorCode.VALIDATION_FAILED, ErrorCode.VALIDATION_FAILED.defaultMessage(), fields);
    }

    /** 400 for a body that is not the JSON expected, with a hint written by the caller. */
    public static ApiException malformedJson(String clientMessage) {
        return new ApiException(ErrorCode.MALFORMED_JSON, clientMessage);
    }

    /** 401 with the one generic message (the reason is logged, never told). */
    public static ApiException unauthorized() {
        return new ApiException(ErrorCode.UNAUTHORIZED, ErrorCode.UNAUTHORIZED.defaultMessage());
    }

    /** 404 (also for another user's resource). */
    public static ApiException notFound(String clientMessage) {
        return new ApiException(ErrorCode.NOT_FOUND, clientMessage);
    }

    /** 422: the {@code Idempotency-Key} was already used with a different request body. */
    public static ApiException idempotencyKeyReused() {
        return new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, ErrorCode.IDEMPOTENCY_KEY_REUSED.defaultMessage());
    }

    /** The error code. */
    public ErrorCode code() {
        return code;
    }

    /** The field problems (empty unless a validation failure). */
    public List<FieldProblem> fields() {
        return fields;
    }

    /** The answer body for this exception in a given request. */
    public ApiError toApiError(String requestId) {
        return new ApiError(code, getMessage(), fields, requestId);
    }
}
