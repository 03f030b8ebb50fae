package dev.tally.api.internal;

import dev.tally.common.http.ApiException;
import dev.tally.common.http.ErrorCode;
import dev.tally.events.FieldProblem;
import dev.tally.events.JsonBodies;
import dev.tally.events.Validated;

/**
 * Reads request bodies through {@link JsonBodies} (one parse: syntax first, then the fields) and
 * decides which 400 a refusal is: a body that is not JSON, or not a JSON object, is
 * {@code MALFORMED_JSON}; a JSON object with bad or unknown fields is {@code VALIDATION_FAILED}. Both
 * list their problems in {@code fields}. The body's size was checked before, by
 * {@code HttpRequest.requireJsonBody} (413, ADR 0167).
 */
public final class RequestBodies {

    private RequestBodies() {}

    /**
     * The body read strictly into {@code type}: valid, or invalid with field problems.
     *
     * @throws ApiException {@code MALFORMED_JSON} when the body is not JSON or not a JSON object
     */
    public static <T> Validated<T> parse(String body, Class<T> type) {
        Validated<T> read = JsonBodies.parse(body, type);
        if (read.problems().stream().anyMatch(problem -> FieldProblem.BODY.equals(problem.field()))) {
            throw new ApiException(
                    ErrorCode.MALFORMED_JSON, ErrorCode.MALFORMED_JSON.defaultMessage(), read.problems());
        }
        return read;
    }

    /** The body's value, or the 400 naming every problem. */
    public static <T> T parseOrThrow(String body, Class<T> type) {
        Validated<T> read = parse(body, type);
        if (read instanceof Validated.Valid<T> valid) {
            return valid.value();
        }
        throw ApiException.validationFailed(read.problems());
    }
}
