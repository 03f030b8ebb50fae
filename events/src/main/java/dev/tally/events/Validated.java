package dev.tally.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The result of validating input: either a value or every problem found with it.
 *
 * <p>Validation never throws for flow: callers pattern-match on {@link Valid} / {@link Invalid}
 * or use the helpers. An {@link Invalid} always carries at least one {@link FieldProblem}.
 *
 * @param <T> the type of the validated value
 */
public sealed interface Validated<T> permits Validated.Valid, Validated.Invalid {

    /**
     * A valid value.
     *
     * @param value the value, never null
     * @param <T>   its type
     */
    record Valid<T>(T value) implements Validated<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Input that failed validation, with every problem found.
     *
     * @param problems at least one problem
     * @param <T>      the type the value would have had
     */
    record Invalid<T>(List<FieldProblem> problems) implements Validated<T> {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an Invalid result needs at least one problem");
            }
        }
    }

    /** A valid result holding {@code value}. */
    static <T> Validated<T> valid(T value) {
        return new Valid<>(value);
    }

    /** An invalid result with the given problems (at least one). */
    static <T> Validated<T> invalid(List<FieldProblem> problems) {
        return new Invalid<>(problems);
    }

    /** An invalid result with one problem. */
    static <T> Validated<T> invalid(String field, String problem) {
        return new Invalid<>(List.of(new FieldProblem(field, problem)));
    }

    /**
     * Combines several partial results: if none has problems, the result is {@code build.get()};
     * otherwise it is invalid with the problems of all parts, in order.
     */
    static <T> Validated<T> combine(Supplier<T> build, Validated<?>... parts) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Validated<?> part : parts) {
            problems.addAll(part.problems());
        }
        return problems.isEmpty() ? valid(build.get()) : invalid(problems);
    }

    /**
     * Turns collected problems into a result: valid with {@code build.get()} if there are none.
     */
    static <T> Validated<T> of(List<FieldProblem> problems, Supplier<T> build) {
        return problems.isEmpty() ? valid(build.get()) : invalid(problems);
    }

    /** True for a {@link Valid} result. */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /** The problems: empty for a valid result. */
    default List<FieldProblem> problems() {
        return this instanceof Invalid<T> invalid ? invalid.problems : List.of();
    }

    /** The value of a valid result. */
    default T orElseThrow() {
        if (this instanceof Valid<T> valid) {
            return valid.value;
        }
        throw new IllegalStateException("invalid: " + problems());
    }

    /** The value of a valid result, or {@code fallback}. */
    default T orElse(T fallback) {
        return this instanceof Valid<T> valid ? valid.value : fallback;
    }

    /** Maps the value of a valid result; an invalid one keeps its problems. */
    default <R> Validated<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Valid<T> valid) {
            return valid(mapper.apply(valid.value));
        }
        return invalid(problems());
    }

    /** Chains a further validation of the value of a valid result. */
    default <R> Validated<R> flatMap(Function<? super T, Validated<R>> mapper) {
        if (this instanceof Valid<T> valid) {
            return mapper.apply(valid.value);
        }
        return invalid(problems());
    }

    /** Prepends {@code prefix} to the field path of every problem. */
    default Validated<T> under(String prefix) {
        if (this instanceof Invalid<T> invalid) {
            return invalid(invalid.problems.stream().map(p -> p.under(prefix)).toList());
        }
        return this;
    }
}
