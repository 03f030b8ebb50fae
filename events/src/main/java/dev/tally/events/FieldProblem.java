package dev.tally.events;

import java.util.Objects;

/**
 * One problem with one field of some input: what was wrong and where.
 *
 * <p>{@code field} is a JSON path relative to the input's root, written with dots for object
 * members and brackets for array items ({@code amount.currency}, {@code counterparty.name},
 * {@code payments[2].note}); {@code body} names the input as a whole (malformed JSON, empty body).
 * {@code problem} is a human message that says what is wrong and, where it can, how to fix it.
 * Neither ever contains exception text or the rejected value. {@code code} is for programs: callers
 * that act on a kind of problem branch on it, never on the wording of {@code problem}.
 *
 * @param field   the JSON path of the offending field, or {@code body}
 * @param problem what is wrong with it
 * @param code    the machine-readable kind of problem
 */
public record FieldProblem(String field, String problem, Code code) {

    /** The field name used for problems with the input as a whole. */
    public static final String BODY = "body";

    /** The kinds of problem a program may tell apart; everything without a more precise kind is {@link #INVALID}. */
    public enum Code {
        /** The value breaks a rule of its field (the default). */
        INVALID,
        /** A command's {@code type} names no {@code CommandType} this reader knows. */
        UNKNOWN_COMMAND_TYPE
    }

    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(code, "code");
        if (field.isBlank()) {
            throw new IllegalArgumentException("field must not be blank");
        }
    }

    /** A problem of the default kind, {@link Code#INVALID}. */
    public FieldProblem(String field, String problem) {
        this(field, problem, Code.INVALID);
    }

    /** Whether this problem is of kind {@code kind}. */
    public boolean is(Code kind) {
        return code == kind;
    }

    /** Returns this problem with {@code prefix} prepended to its field path ({@code body} is replaced). */
    public FieldProblem under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        if (field.equals(BODY)) {
            return new FieldProblem(prefix, problem, code);
        }
        String separator = field.startsWith("[") ? "" : ".";
        return new FieldProblem(prefix + separator + field, problem, code);
    }

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
