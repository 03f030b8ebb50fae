package dev.tally.local.runtime.template;

import java.util.Objects;

/**
 * A YAML scalar: a {@link String}, a {@link Long}, a {@link Double}, a {@link java.math.BigInteger}
 * or a {@link Boolean}, as YAML typed it.
 *
 * @param value the scalar value, never null
 */
public record TemplateScalar(Object value) implements TemplateValue {

    /** Checks that the value is one of the scalar types a template can hold. */
    public TemplateScalar {
        Objects.requireNonNull(value, "value");
        if (!(value instanceof String
                || value instanceof Long
                || value instanceof Double
                || value instanceof java.math.BigInteger
                || value instanceof Boolean)) {
            throw new IllegalArgumentException(
                    "not a template scalar type: " + value.getClass().getName());
        }
    }

    /** A string scalar. */
    public static TemplateScalar of(String text) {
        return new TemplateScalar(text);
    }

    /** The scalar as CloudFormation sees it when a string is expected: its text. */
    public String text() {
        return value.toString();
    }

    @Override
    public String describe() {
        return value instanceof String
                ? "a string"
                : "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
