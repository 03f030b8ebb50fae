package dev.tally.local.dynamodb.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DynamoDB attribute value: the ten data types of the wire format as immutable records.
 *
 * <p>Numbers are held normalised ({@link Numbers#parse}) so that {@code equals} is DynamoDB's
 * equality; binary values compare by content.
 */
public sealed interface AttributeValue {

    /** The wire type code: S, N, B, SS, NS, BS, M, L, NULL or BOOL. */
    String type();

    /** A string. */
    record Str(String value) implements AttributeValue {
        @Override
        public String type() {
            return "S";
        }
    }

    /** A number, normalised (no trailing zeros). */
    record Num(BigDecimal value) implements AttributeValue {
        @Override
        public String type() {
            return "N";
        }
    }

    /** A binary value; equality is by content. */
    record Bin(byte[] value) implements AttributeValue {
        @Override
        public String type() {
            return "B";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bin bin && Arrays.equals(value, bin.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bin[" + Base64.getEncoder().encodeToString(value) + "]";
        }
    }

    /** A string set (insertion-ordered, no duplicates, never empty). */
    record StrSet(Set<String> value) implements AttributeValue {
        @Override
        public String type() {
            return "SS";
        }
    }

    /** A number set of normalised numbers. */
    record NumSet(Set<BigDecimal> value) implements AttributeValue {
        @Override
        public String type() {
            return "NS";
        }
    }

    /** A binary set. */
    record BinSet(Set<Bin> value) implements AttributeValue {
        @Override
        public String type() {
            return "BS";
        }
    }

    /** A map of named values. */
    record MapValue(Map<String, AttributeValue> value) implements AttributeValue {
        @Override
        public String type() {
            return "M";
        }
    }

    /** A list of values. */
    record ListValue(List<AttributeValue> value) implements AttributeValue {
        @Override
        public String type() {
            return "L";
        }
    }

    /** The NULL value. */
    record NullValue() implements AttributeValue {
        @Override
        public String type() {
            return "NULL";
        }
    }

    /** A boolean. */
    record BoolValue(boolean value) implements AttributeValue {
        @Override
        public String type() {
            return "BOOL";
        }
    }

    /** Whether this is one of the three set types. */
    default boolean isSet() {
        return this instanceof StrSet || this instanceof NumSet || this instanceof BinSet;
    }
}
