package dev.tally.local.dynamodb.operations;

import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.ItemSize;
import dev.tally.local.dynamodb.model.TableDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key rules: key attributes present, of the schema's type (S, N or B), not empty, not too long. */
final class Keys {

    private static final int MAX_HASH_BYTES = 2048;
    private static final int MAX_RANGE_BYTES = 1024;

    private Keys() {}

    /** Checks a full item's table and index key attributes. */
    static void checkItem(TableDefinition table, Map<String, AttributeValue> item) {
        for (String name : table.keyNames()) {
            AttributeValue value = item.get(name);
            if (value == null) {
                throw ApiException.validation(
                        "One or more parameter values were invalid: Missing the key " + name + " in the item");
            }
            String expected = table.attributeTypes().get(name);
            if (!value.type().equals(expected)) {
                throw ApiException.validation("One or more parameter values were invalid: Type mismatch for key " + name
                        + " expected: " + expected + " actual: " + value.type());
            }
            checkNotEmpty(name, value);
            checkLength(table, name, value);
        }
        for (IndexDefinition index : table.indexes()) {
            for (String name :
                    index.rangeKey() == null ? List.of(index.hashKey()) : List.of(index.hashKey(), index.rangeKey())) {
                AttributeValue value = item.get(name);
                if (value == null) {
                    continue;
                }
                String expected = table.attributeTypes().get(name);
                if (!value.type().equals(expected)) {
                    throw ApiException.validation(
                            "One or more parameter values were invalid: Type mismatch for Index Key " + name
                                    + " Expected: " + expected + " Actual: " + value.type() + " IndexName: "
                                    + index.name());
                }
                if (isEmpty(value)) {
                    throw ApiException.validation(
                            "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty "
                                    + (value instanceof AttributeValue.Str ? "string" : "binary")
                                    + " value. IndexName: " + index.name()
                                    + ", IndexKey: " + name);
                }
            }
        }
    }

    /** Checks a Key parameter: exactly the key attributes with the right types. */
    static Map<String, AttributeValue> checkKey(TableDefinition table, Map<String, AttributeValue> key) {
        List<String> names = table.keyNames();
        if (key.size() != names.size()) {
            throw ApiException.validation("The provided key element does not match the schema");
        }
        for (String name : names) {
            AttributeValue value = key.get(name);
            if (value == null || !value.type().equals(table.attributeTypes().get(name))) {
                throw ApiException.validation("The provided key element does not match the schema");
            }
            checkNotEmpty(name, value);
            checkLength(table, name, value);
        }
        return key;
    }

    /** The key attributes of an item. */
    static Map<String, AttributeValue> keyOf(TableDefinition table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : table.keyNames()) {
            key.put(name, item.get(name));
        }
        return key;
    }

    private static void checkNotEmpty(String name, AttributeValue value) {
        if (isEmpty(value)) {
            throw ApiException.validation(
                    "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
                            + (value instanceof AttributeValue.Str ? "string" : "binary") + " value. Key: " + name);
        }
    }

    private static boolean isEmpty(AttributeValue value) {
        return value instanceof AttributeValue.Str s && s.value().isEmpty()
                || value instanceof AttributeValue.Bin b && b.value().length == 0;
    }

    private static void checkLength(TableDefinition table, String name, AttributeValue value) {
        long size = ItemSize.of(value);
        if (name.equals(table.hashKey()) && size > MAX_HASH_BYTES) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes");
        }
        if (name.equals(table.rangeKey()) && size > MAX_RANGE_BYTES) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }
}
