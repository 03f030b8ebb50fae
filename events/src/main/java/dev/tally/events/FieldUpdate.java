package dev.tally.events;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.tally.events.internal.FieldUpdateDeserializer;
import dev.tally.events.internal.FieldUpdateSerializer;
import java.util.Objects;
import java.util.function.Function;

/**
 * One field of a JSON merge patch (RFC 7396): left as it is, cleared, or set to a new value.
 *
 * <p>In JSON an absent property reads as {@link Unchanged}, an explicit {@code null} as
 * {@link Cleared}, any other value as {@link SetTo}; writing reverses it (an {@code Unchanged}
 * property is omitted). This needs {@link TallyJson#MAPPER}, which registers the inclusion rule.
 *
 * @param <T> the type of the field
 */
@JsonDeserialize(using = FieldUpdateDeserializer.class)
@JsonSerialize(using = FieldUpdateSerializer.class)
public sealed interface FieldUpdate<T> permits FieldUpdate.Unchanged, FieldUpdate.Cleared, FieldUpdate.SetTo {

    /** The field is left as it is (absent from the patch). @param <T> the field's type */
    record Unchanged<T>() implements FieldUpdate<T> {}

    /** The field is cleared (explicit {@code null} in the patch). @param <T> the field's type */
    record Cleared<T>() implements FieldUpdate<T> {}

    /**
     * The field is set to a value.
     *
     * @param value the new value, never null
     * @param <T>   the field's type
     */
    record SetTo<T>(T value) implements FieldUpdate<T> {
        public SetTo {
            Objects.requireNonNull(value, "value (use FieldUpdate.cleared() to clear a field)");
        }
    }

    /** Leave the field as it is. */
    static <T> FieldUpdate<T> unchanged() {
        return new Unchanged<>();
    }

    /** Clear the field. */
    static <T> FieldUpdate<T> cleared() {
        return new Cleared<>();
    }

    /** Set the field to {@code value} (not null). */
    static <T> FieldUpdate<T> set(T value) {
        return new SetTo<>(value);
    }

    /** {@link #set} for a non-null value, {@link #cleared} for null. */
    static <T> FieldUpdate<T> setOrClear(T valueOrNull) {
        return valueOrNull == null ? cleared() : set(valueOrNull);
    }

    /** True when this leaves the field as it is. */
    default boolean isUnchanged() {
        return this instanceof Unchanged;
    }

    /** The field's value after this update is applied to {@code current} (null when cleared). */
    default T applyTo(T current) {
        if (this instanceof SetTo<T> set) {
            return set.value;
        }
        return this instanceof Cleared ? null : current;
    }

    /** Maps a set value; {@code Unchanged} and {@code Cleared} stay as they are. */
    default <R> FieldUpdate<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof SetTo<T> set) {
            return set(mapper.apply(set.value));
        }
        return this instanceof Cleared ? cleared() : unchanged();
    }
}
