package dev.tally.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Makes one value from a {@link Source}. Generators are plain functions: combine them by calling
 * {@code next} on the same source, in a fixed order, so the seed alone fixes the value.
 *
 * @param <T> the type of the values made
 */
@FunctionalInterface
public interface Generator<T> {

    /** The next value, drawn from {@code source}. */
    T next(Source source);

    /** This generator's values passed through {@code mapper}. */
    default <R> Generator<R> map(Function<? super T, ? extends R> mapper) {
        return source -> mapper.apply(next(source));
    }

    /** This generator, or {@code null} with probability {@code p}. */
    default Generator<T> orNull(double p) {
        return source -> source.chance(p) ? null : next(source);
    }

    /** Lists of {@code 0..maxSize} of this generator's values. */
    default Generator<List<T>> list(int maxSize) {
        return source -> source.listOf(maxSize, this);
    }

    /** Always {@code value}. */
    static <T> Generator<T> constant(T value) {
        return source -> value;
    }

    /** One of {@code values}, uniform. */
    static <T> Generator<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        return source -> source.pick(copy);
    }

    /** The values of one of {@code generators}, chosen uniformly. */
    @SafeVarargs
    static <T> Generator<T> oneOf(Generator<? extends T>... generators) {
        List<Generator<? extends T>> copy = List.of(generators);
        return source -> source.pick(copy).next(source);
    }

    /** A generator chosen with probability proportional to {@code weight}, for {@link #frequency}. */
    static <T> Weighted<T> weighted(int weight, Generator<? extends T> generator) {
        return new Weighted<>(weight, generator);
    }

    /** The values of one of the weighted generators, each chosen in proportion to its weight. */
    @SafeVarargs
    static <T> Generator<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> copy = new ArrayList<>(List.of(choices));
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return source -> {
            int roll = source.index(total);
            for (Weighted<? extends T> choice : copy) {
                roll -= choice.weight();
                if (roll < 0) {
                    return choice.generator().next(source);
                }
            }
            throw new IllegalStateException("unreachable");
        };
    }

    /**
     * A generator with a weight.
     *
     * @param weight    the relative likelihood (positive)
     * @param generator the generator
     * @param <T>       the type of the values made
     */
    record Weighted<T>(int weight, Generator<? extends T> generator) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive");
            }
        }
    }
}
