package dev.tally.common.http;

import dev.tally.events.FieldProblem;
import java.util.List;
import java.util.Objects;

/**
 * The body of every error answer: {@code {"error": {"code", "message", "fields"?, "requestId"}}}.
 *
 * @param code the machine-readable code (it also decides the status)
 * @param message a sentence for people, written by us; never an exception message
 * @param fields the field-level problems (empty unless {@link ErrorCode#VALIDATION_FAILED})
 * @param requestId API Gateway's request id, to quote when reporting a problem
 */
public record ApiError(ErrorCode code, String message, List<FieldProblem> fields, String requestId) {

    /** Validates the parts and copies the field list. */
    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        fields = fields == null ? List.of() : List.copyOf(fields);
        requestId = requestId == null ? "unknown" : requestId;
    }

    /** The HTTP status of this error. */
    public int status() {
        return code.status();
    }
}
