package dev.tally.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ErrorCode;
import dev.tally.events.FieldProblem;
import dev.tally.events.JsonBodies;
import dev.tally.events.TallyJson;
import dev.tally.events.Validated;
import java.util.List;

/**
 * Reads request bodies through {@link JsonBodies} and decides which 400 a refusal is: a body that
 * is not JSON, or not a JSON object, is {@code MALFORMED_JSON}; a JSON object with bad or unknown
 * fields is {@code VALIDATION_FAILED}. Both list their problems in {@code fields}.
 *
 * <p>Syntax is checked first on its own, so truncated JSON is reported as such rather than as a
 * problem of whichever field the parser was reading when the input ended.
 */
public final class RequestBodies {

    private static final FieldProblem NOT_JSON =
            new FieldProblem(FieldProblem.BODY, "is not valid JSON: check the quotes, commas and brackets");

    private RequestBodies() {}

    /**
     * The body read strictly into {@code type}: valid, or invalid with field problems.
     *
     * @throws ApiException {@code MALFORMED_JSON} when the body is not JSON or not a JSON object
     */
    public static <T> Validated<T> parse(String body, Class<T> type) {
        try {
            TallyJson.MAPPER.readTree(body);
        } catch (JsonProcessingException notJson) {
            throw refusal(List.of(NOT_JSON));
        }
        Validated<T> read = JsonBodies.parse(body, type);
        if (read.problems().stream().anyMatch(problem -> FieldProblem.BODY.equals(problem.field()))) {
            throw refusal(read.problems());
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

    private static ApiException refusal(List<FieldProblem> problems) {
        return new ApiException(ErrorCode.MALFORMED_JSON, ErrorCode.MALFORMED_JSON.defaultMessage(), problems);
    }
}
