package dev.tally.common.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Typed reads of item attributes that fail naming the attribute (for the item mappings here). */
final class Attributes {

    private Attributes() {
    }

    static AttributeValue required(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is missing");
        }
        return value;
    }

    static String text(Map<String, AttributeValue> item, String name) {
        String value = required(item, name).s();
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is not a string (S)");
        }
        return value;
    }

    static long number(Map<String, AttributeValue> item, String name) {
        return asNumber(required(item, name), name);
    }

    static long asNumber(AttributeValue value, String name) {
        if (value.n() == null) {
            throw new IllegalArgumentException("attribute " + name + " is not a number (N)");
        }
        return Long.parseLong(value.n());
    }

    static Map<String, AttributeValue> map(Map<String, AttributeValue> item, String name) {
        return asMap(required(item, name), name);
    }

    static Map<String, AttributeValue> asMap(AttributeValue value, String name) {
        if (!value.hasM()) {
            throw new IllegalArgumentException("attribute " + name + " is not a map (M)");
        }
        return value.m();
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
