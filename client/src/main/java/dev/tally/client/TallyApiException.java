package dev.tally.client;

import dev.tally.events.FieldProblem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Tally answered with an error: the status and, when the body has the API's error shape, its
 * {@code code}, {@code fields} and {@code requestId} (see docs/openapi.yaml, {@code Error}).
 */
public final class TallyApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<FieldProblem> fields;
    private final String requestId;
    private final Duration retryAfter;

    TallyApiException(
            int status, String code, String message, List<FieldProblem> fields, String requestId, Duration retryAfter) {
        super(status + (code == null ? "" : " " + code) + ": " + message, null, false, false);
        this.status = status;
        this.code = code;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The machine-readable code, e.g. {@code VALIDATION_FAILED}; null when the gateway answered. */
    public String code() {
        return code;
    }

    /** The field problems of a 400 {@code VALIDATION_FAILED} (empty otherwise). */
    public List<FieldProblem> fields() {
        return fields;
    }

    /** The request id to quote when reporting a problem, when the answer had one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** How long to wait before trying again, from {@code Retry-After} (a 429). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
