package dev.tally.events;

import java.util.Objects;

/**
 * One problem with one field of some input: what was wrong and where.
 *
 * <p>{@code field} is a JSON path relative to the input's root, written with dots for object
 * members and brackets for array items ({@code amount.currency}, {@code counterparty.name},
 * {@code payments[2].note}); {@code body} names the input as a whole (malformed JSON, empty body).
 * {@code problem} is a human message that says what is wrong and, where it can, how to fix it.
 * Neither ever contains exception text or the rejected value.
 *
 * @param field   the JSON path of the offending field, or {@code body}
 * @param problem what is wrong with it
 */
public record FieldProblem(String field, String problem) {

    /** The field name used for problems with the input as a whole. */
    public static final String BODY = "body";

    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
        if (field.isBlank()) {
            throw new IllegalArgumentException("field must not be blank");
        }
    }

    /** Returns this problem with {@code prefix} prepended to its field path ({@code body} is replaced). */
    public FieldProblem under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        if (field.equals(BODY)) {
            return new FieldProblem(prefix, problem);
        }
        String separator = field.startsWith("[") ? "" : ".";
        return new FieldProblem(prefix + separator + field, problem);
    }

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
