package dev.tally.events;

import java.util.List;

/**
 * Thrown where a constructor or a JSON creator must refuse a value: carries the field problems,
 * so the JSON layer can report them with their full path instead of exception text.
 *
 * <p>Used for programming errors and for wire data that bypassed validation; request input is
 * validated with {@link Validated} and never reaches this.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private final transient List<FieldProblem> problems;

    /** An exception for the given problems (at least one). */
    public InvalidValueException(List<FieldProblem> problems) {
        super(String.valueOf(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** An exception for one problem. */
    public InvalidValueException(String field, String problem) {
        this(List.of(new FieldProblem(field, problem)));
    }

    /** The problems, relative to the value that was refused. */
    public List<FieldProblem> problems() {
        return problems;
    }
}
