package dev.tally.local.dynamodb.model;

import dev.tally.local.dynamodb.model.AttributeValue.Bin;
import dev.tally.local.dynamodb.model.AttributeValue.Num;
import dev.tally.local.dynamodb.model.AttributeValue.Str;

/**
 * A key attribute value (S, N or B) ordered as DynamoDB orders sort keys: strings by their UTF-8
 * bytes, binaries by unsigned bytes, numbers numerically. {@link #NONE} stands for the absent sort
 * key of a hash-only table; values of different types order by type.
 */
public record KeyValue(AttributeValue value) implements Comparable<KeyValue> {

    /** The sort key of a table or index that has none. */
    public static final KeyValue NONE = new KeyValue(null);

    @Override
    public int compareTo(KeyValue other) {
        if (value == null || other.value == null) {
            return value == null ? (other.value == null ? 0 : -1) : 1;
        }
        return compare(value, other.value);
    }

    /** Compares two scalar values of the same type in DynamoDB order; other types by type name. */
    public static int compare(AttributeValue left, AttributeValue right) {
        if (left instanceof Str a && right instanceof Str b) {
            return compareUtf8(a.value(), b.value());
        }
        if (left instanceof Num a && right instanceof Num b) {
            return a.value().compareTo(b.value());
        }
        if (left instanceof Bin a && right instanceof Bin b) {
            return compareUnsigned(a.value(), b.value());
        }
        return left.type().compareTo(right.type());
    }

    /** UTF-8 byte order, which is code point order (not Java's UTF-16 order). */
    public static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Unsigned lexicographic byte order. */
    public static int compareUnsigned(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }
}
