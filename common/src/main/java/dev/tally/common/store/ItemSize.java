package dev.tally.common.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's item size, computed before a write so that an item over the 400 KB limit is a business
 * outcome instead of a {@code ValidationException} retried until the message reaches a dead-letter
 * queue (see {@code docs/adr/0140-item-size-budgets.md}).
 *
 * <p>AWS's rules: attribute names and strings in UTF-8 bytes, numbers one byte per two significant
 * digits plus one (counted here from the decimal text, an upper bound), BOOL and NULL one byte, lists
 * and maps three bytes of overhead plus one byte per element.
 */
public final class ItemSize {

    /** The largest item DynamoDB stores: 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {}

    /** The size of {@code item} in bytes. */
    public static long of(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
            total += utf8(entry.getKey()) + of(entry.getValue());
        }
        return total;
    }

    /** True if DynamoDB accepts an item of this size. */
    public static boolean fits(Map<String, AttributeValue> item) {
        return of(item) <= MAX_ITEM_BYTES;
    }

    private static long of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return number(value.n());
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.hasM()) {
            long total = 3;
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                total += 1 + utf8(entry.getKey()) + of(entry.getValue());
            }
            return total;
        }
        if (value.hasL()) {
            long total = 3;
            for (AttributeValue element : value.l()) {
                total += 1 + of(element);
            }
            return total;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(ItemSize::number).sum();
        }
        if (value.hasBs()) {
            return value.bs().stream()
                    .mapToLong(bytes -> bytes.asByteArrayUnsafe().length)
                    .sum();
        }
        return 1;
    }

    private static long number(String decimal) {
        long digits = decimal.chars().filter(Character::isDigit).count();
        return (digits + 1) / 2 + 1;
    }

    /** The UTF-8 length of {@code text} (a lone surrogate counts 3 bytes, as its replacement would). */
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
}
