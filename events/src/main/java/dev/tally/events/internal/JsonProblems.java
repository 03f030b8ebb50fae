package dev.tally.events.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.tally.events.FieldProblem;
import dev.tally.events.InvalidValueException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a Jackson exception into field problems: the JSON path of the failure and a human
 * message chosen from the exception's kind. Exception text and input values never leak.
 * Not part of the API: use {@link dev.tally.events.JsonBodies}.
 */
public final class JsonProblems {

    private JsonProblems() {}

    /** The problems that {@code failure} stands for, with full JSON paths. */
    public static List<FieldProblem> of(JsonProcessingException failure) {
        if (failure instanceof StreamConstraintsException) {
            return List.of(new FieldProblem(FieldProblem.BODY, "is too large or too deeply nested"));
        }
        if (failure instanceof StreamReadException) {
            return List.of(new FieldProblem(FieldProblem.BODY, "is not valid JSON" + where(failure.getLocation())));
        }
        if (!(failure instanceof JsonMappingException mapping)) {
            return List.of(new FieldProblem(FieldProblem.BODY, "could not be read"));
        }
        String path = path(mapping.getPath());
        InvalidValueException refused = findInvalidValue(mapping);
        if (refused != null) {
            return refused.problems().stream().map(p -> p.under(path)).toList();
        }
        return List.of(new FieldProblem(path.isEmpty() ? FieldProblem.BODY : path, message(mapping, path)));
    }

    /** The problems an {@link InvalidValueException} thrown outside Jackson stands for. */
    public static List<FieldProblem> of(InvalidValueException refused) {
        return refused.problems();
    }

    private static String message(JsonMappingException mapping, String path) {
        if (mapping instanceof PropertyBindingException binding) {
            Collection<Object> known = binding.getKnownPropertyIds();
            String knownText = known == null || known.isEmpty()
                    ? ""
                    : " (known: " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                            + ")";
            return "is not a known property" + knownText;
        }
        if (mapping instanceof InvalidNullException) {
            return "must not be null";
        }
        if (mapping instanceof InvalidFormatException format) {
            return expected(format.getTargetType());
        }
        if (mapping instanceof ValueInstantiationException) {
            return "has an invalid value";
        }
        if (mapping instanceof MismatchedInputException mismatch) {
            if (path.isEmpty()
                    && mismatch.getMessage() != null
                    && mismatch.getMessage().startsWith("No content")) {
                return "is empty: send a JSON object";
            }
            if (isNullForPrimitive(mismatch)) {
                return "must not be null";
            }
            return expected(mismatch.getTargetType());
        }
        return "has an invalid value";
    }

    /** Jackson reports FAIL_ON_NULL_FOR_PRIMITIVES only through its message (read here, never shown). */
    private static boolean isNullForPrimitive(MismatchedInputException mismatch) {
        Class<?> target = mismatch.getTargetType();
        String text = mismatch.getOriginalMessage();
        return target != null && target.isPrimitive() && text != null && text.startsWith("Cannot map `null`");
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        if (target.isEnum()) {
            return "must be one of "
                    + Arrays.stream(target.getEnumConstants())
                            .map(String::valueOf)
                            .collect(Collectors.joining(", "));
        }
        if (target == String.class || target == Character.class || target == char.class) {
            return "must be a JSON string";
        }
        if (target == LocalDate.class) {
            return "must be a date like \"2026-12-31\"";
        }
        if (target == Instant.class) {
            return "must be an ISO-8601 instant like \"2026-11-27T10:15:30Z\"";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "must be a JSON number";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(target)) {
            return "must be a JSON object";
        }
        return "must be a JSON object";
    }

    private static InvalidValueException findInvalidValue(Throwable failure) {
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof InvalidValueException refused) {
                return refused;
            }
        }
        return null;
    }

    /** The dotted JSON path of a Jackson reference chain ({@code counterparty.name}, {@code payments[0].amount}). */
    public static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
