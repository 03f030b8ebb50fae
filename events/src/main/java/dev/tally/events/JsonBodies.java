package dev.tally.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tally.events.internal.JsonProblems;
import java.io.IOException;

/**
 * Reads JSON into Tally's types without throwing: the result is the value or field problems
 * naming the JSON path and what is wrong ("is not a known property", "must be a JSON string").
 *
 * <p>{@link #parse} is for request bodies and is strict: unknown properties are refused. It reads
 * the text once, into a tree, so a syntax error anywhere is reported as one {@code body} problem
 * before any field is looked at, then binds the tree (no second parse). The body's size is not
 * checked here: the HTTP edge refuses a body over {@link Limits#BODY_MAX} bytes before it is read
 * ({@code HttpRequest.requireJsonBody}, ADR 0167). {@link #parseLenient} is for messages between
 * functions (written by Tally, so a syntax error is poison either way) and ignores unknown
 * properties (forward compatibility); it binds straight from the text. Jackson stops at the first
 * structural problem, so structural failures report one problem; request DTOs keep their fields as
 * strings so that {@code validate(...)} can then report every content problem at once.
 */
public final class JsonBodies {

    private static final ObjectReader STRICT =
            TallyJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader LENIENT =
            TallyJson.MAPPER.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonBodies() {}

    /**
     * Reads a request body strictly (unknown properties are problems). A problem of the body as a
     * whole (not JSON, not an object, empty) has the field {@link FieldProblem#BODY}.
     */
    public static <T> Validated<T> parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return empty();
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException notJson) {
            return Validated.invalid(JsonProblems.of(notJson));
        }
        return bind(() -> STRICT.forType(type).readValue(tree));
    }

    /** Reads a message between functions, ignoring unknown properties. */
    public static <T> Validated<T> parseLenient(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return empty();
        }
        return bind(() -> LENIENT.forType(type).readValue(json));
    }

    private static <T> Validated<T> empty() {
        return Validated.invalid(FieldProblem.BODY, "is empty: send a JSON object");
    }

    private static <T> Validated<T> bind(Read<T> read) {
        try {
            T value = read.value();
            if (value == null) {
                return Validated.invalid(FieldProblem.BODY, "must be a JSON object, not null");
            }
            return Validated.valid(value);
        } catch (JsonProcessingException failure) {
            return Validated.invalid(JsonProblems.of(failure));
        } catch (InvalidValueException refused) {
            return Validated.invalid(refused.problems());
        } catch (IOException unreadable) {
            return Validated.invalid(FieldProblem.BODY, "could not be read");
        }
    }

    /** One Jackson read. */
    @FunctionalInterface
    private interface Read<T> {
        T value() throws IOException;
    }
}
