package dev.tally.local.dynamodb.model;

import dev.tally.local.dynamodb.model.AttributeValue.Bin;
import dev.tally.local.dynamodb.model.AttributeValue.BinSet;
import dev.tally.local.dynamodb.model.AttributeValue.ListValue;
import dev.tally.local.dynamodb.model.AttributeValue.MapValue;
import dev.tally.local.dynamodb.model.AttributeValue.Num;
import dev.tally.local.dynamodb.model.AttributeValue.NumSet;
import dev.tally.local.dynamodb.model.AttributeValue.Str;
import dev.tally.local.dynamodb.model.AttributeValue.StrSet;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * AWS's item size calculation: attribute names and strings in UTF-8 bytes, binaries in bytes,
 * numbers one byte per two significant digits plus one, BOOL/NULL one byte, lists and maps three
 * bytes of overhead plus one byte per element.
 */
public final class ItemSize {

    /** The largest item DynamoDB stores: 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {}

    /** The size of an item in bytes. */
    public static long of(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
            total += utf8(entry.getKey()) + of(entry.getValue());
        }
        return total;
    }

    /** The size of one value in bytes (without its name). */
    public static long of(AttributeValue value) {
        if (value instanceof Str s) {
            return utf8(s.value());
        }
        if (value instanceof Num n) {
            return number(n.value());
        }
        if (value instanceof Bin b) {
            return b.value().length;
        }
        if (value instanceof StrSet ss) {
            return ss.value().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (value instanceof NumSet ns) {
            return ns.value().stream().mapToLong(ItemSize::number).sum();
        }
        if (value instanceof BinSet bs) {
            return bs.value().stream().mapToLong(b -> b.value().length).sum();
        }
        if (value instanceof MapValue m) {
            long total = 3;
            for (Map.Entry<String, AttributeValue> entry : m.value().entrySet()) {
                total += 1 + utf8(entry.getKey()) + of(entry.getValue());
            }
            return total;
        }
        if (value instanceof ListValue l) {
            long total = 3;
            for (AttributeValue element : l.value()) {
                total += 1 + of(element);
            }
            return total;
        }
        return 1;
    }

    private static long number(BigDecimal value) {
        return (Numbers.significantDigits(value) + 1) / 2 + 1;
    }

    /** UTF-8 length of a string without allocating. */
    public static long utf8(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Throws AWS's ValidationException when the item is larger than 400 KB. */
    public static void check(Map<String, AttributeValue> item) {
        if (of(item) > MAX_ITEM_BYTES) {
            throw ApiException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
