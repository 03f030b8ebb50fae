package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.local.dynamodb.model.ApiException;
import java.util.Iterator;
import java.util.Set;

/**
 * One request body with typed accessors that answer AWS-style validation errors, and a check
 * that rejects every parameter the operation does not implement (never silently ignored).
 */
final class Request {

    private final JsonNode body;

    private Request(JsonNode body) {
        this.body = body;
    }

    /** Wraps a body after checking its top-level members are all supported by the operation. */
    static Request of(JsonNode body, String operation, Set<String> supported) {
        checkMembers(body, operation, supported);
        return new Request(body);
    }

    /** Rejects members of a nested structure that are not supported. */
    static void checkMembers(JsonNode node, String where, Set<String> supported) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!supported.contains(name) && !node.get(name).isNull()) {
                throw ApiException.validation("Parameter " + name + " of " + where
                        + " is not supported by Tally's local DynamoDB; supported: "
                        + String.join(", ", new java.util.TreeSet<>(supported)));
            }
        }
    }

    JsonNode body() {
        return body;
    }

    boolean has(String name) {
        JsonNode value = body.get(name);
        return value != null && !value.isNull();
    }

    JsonNode get(String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String requireString(String name) {
        String value = string(name);
        if (value == null) {
            throw ApiException.validation("1 validation error detected: Value null at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    String string(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException("SerializationException", 400, "Expected a string for " + name);
        }
        return value.textValue();
    }

    String tableName() {
        return TableNames.resolve(requireString("TableName"), "tableName");
    }

    String enumValue(String name, String fallback, Set<String> allowed) {
        String value = string(name);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw ApiException.validation("1 validation error detected: Value '" + value + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must satisfy enum value set: "
                    + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    Integer integer(String name, int min, int max) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw new ApiException("SerializationException", 400, "Expected an integer for " + name);
        }
        int number = value.intValue();
        if (number < min) {
            throw ApiException.validation("1 validation error detected: Value '" + number + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        if (number > max) {
            throw ApiException.validation("1 validation error detected: Value '" + number + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return number;
    }

    boolean bool(String name, boolean fallback) {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ApiException("SerializationException", 400, "Expected a boolean for " + name);
        }
        return value.booleanValue();
    }

    /** Accepts ReturnConsumedCapacity/ReturnItemCollectionMetrics only when they ask for nothing. */
    void requireNone(String name) {
        String value = string(name);
        if (value != null && !value.equals("NONE")) {
            throw ApiException.validation(name + "=" + value + " is not supported by Tally's local DynamoDB; use NONE");
        }
    }

    static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
