package dev.tally.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tally.events.internal.JsonProblems;

/**
 * Reads JSON into Tally's types without throwing: the result is the value or field problems
 * naming the JSON path and what is wrong ("is not a known property", "must be a JSON string").
 *
 * <p>{@link #parse} is for request bodies and is strict: unknown properties are refused, and so
 * are bodies over {@link Limits#BODY_MAX} characters. {@link #parseLenient} is for messages
 * between functions and ignores unknown properties (forward compatibility). Jackson stops at the
 * first structural problem, so structural failures report one problem; request DTOs keep their
 * fields as strings so that {@code validate(...)} can then report every content problem at once.
 */
public final class JsonBodies {

    private static final ObjectReader STRICT =
            TallyJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader LENIENT =
            TallyJson.MAPPER.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonBodies() {}

    /** Reads a request body strictly (unknown properties are problems). */
    public static <T> Validated<T> parse(String body, Class<T> type) {
        if (body != null && body.length() > Limits.BODY_MAX) {
            return Validated.invalid(FieldProblem.BODY, "must be at most " + Limits.BODY_MAX + " characters");
        }
        return read(STRICT, body, type);
    }

    /** Reads a message between functions, ignoring unknown properties. */
    public static <T> Validated<T> parseLenient(String json, Class<T> type) {
        return read(LENIENT, json, type);
    }

    private static <T> Validated<T> read(ObjectReader reader, String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return Validated.invalid(FieldProblem.BODY, "is empty: send a JSON object");
        }
        try {
            T value = reader.forType(type).readValue(json);
            if (value == null) {
                return Validated.invalid(FieldProblem.BODY, "must be a JSON object, not null");
            }
            return Validated.valid(value);
        } catch (JsonProcessingException failure) {
            return Validated.invalid(JsonProblems.of(failure));
        } catch (InvalidValueException refused) {
            return Validated.invalid(refused.problems());
        }
    }
}
