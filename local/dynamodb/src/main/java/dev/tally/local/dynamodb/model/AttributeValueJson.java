package dev.tally.local.dynamodb.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.AttributeValue.Bin;
import dev.tally.local.dynamodb.model.AttributeValue.BinSet;
import dev.tally.local.dynamodb.model.AttributeValue.BoolValue;
import dev.tally.local.dynamodb.model.AttributeValue.ListValue;
import dev.tally.local.dynamodb.model.AttributeValue.MapValue;
import dev.tally.local.dynamodb.model.AttributeValue.NullValue;
import dev.tally.local.dynamodb.model.AttributeValue.Num;
import dev.tally.local.dynamodb.model.AttributeValue.NumSet;
import dev.tally.local.dynamodb.model.AttributeValue.Str;
import dev.tally.local.dynamodb.model.AttributeValue.StrSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes attribute values and items in DynamoDB's JSON wire form, validating input. */
public final class AttributeValueJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValueJson() {}

    /** Reads an item (a JSON object of attribute name → typed value). */
    public static Map<String, AttributeValue> readItem(JsonNode node, String field) {
        return readMap(node, field, true);
    }

    private static Map<String, AttributeValue> readMap(JsonNode node, String field, boolean topLevel) {
        if (node == null || node.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            throw ApiException.validation("Start of structure or map found where not expected: " + field);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (topLevel && entry.getKey().isEmpty()) {
                throw ApiException.validation(
                        "One or more parameter values were invalid: An attribute name cannot be empty");
            }
            item.put(entry.getKey(), read(entry.getValue()));
        }
        return item;
    }

    /** Reads one typed value such as {@code {"S":"x"}}. */
    public static AttributeValue read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (node.size() == 0) {
            throw ApiException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (node.size() > 1) {
            throw ApiException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        Map.Entry<String, JsonNode> entry = node.properties().iterator().next();
        JsonNode value = entry.getValue();
        switch (entry.getKey()) {
            case "S":
                return new Str(text(value, "S"));
            case "N":
                return new Num(Numbers.parse(text(value, "N")));
            case "B":
                return new Bin(binary(value));
            case "BOOL":
                if (!value.isBoolean()) {
                    throw serialization("BOOL");
                }
                return new BoolValue(value.booleanValue());
            case "NULL":
                if (!value.isBoolean()) {
                    throw serialization("NULL");
                }
                if (!value.booleanValue()) {
                    throw ApiException.validation(
                            "One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                return new NullValue();
            case "SS": {
                Set<String> set = new LinkedHashSet<>();
                for (JsonNode element : array(value, "SS", "An string set  may not be empty")) {
                    addUnique(set, text(element, "SS"), value);
                }
                return new StrSet(set);
            }
            case "NS": {
                Set<BigDecimal> set = new LinkedHashSet<>();
                for (JsonNode element : array(value, "NS", "An number set  may not be empty")) {
                    addUnique(set, Numbers.parse(text(element, "NS")), value);
                }
                return new NumSet(set);
            }
            case "BS": {
                Set<Bin> set = new LinkedHashSet<>();
                for (JsonNode element : array(value, "BS", "Binary sets should not be empty")) {
                    addUnique(set, new Bin(binary(element)), value);
                }
                return new BinSet(set);
            }
            case "M": {
                if (!value.isObject()) {
                    throw serialization("M");
                }
                return new MapValue(readMap(value, "M", false));
            }
            case "L": {
                if (!value.isArray()) {
                    throw serialization("L");
                }
                List<AttributeValue> list = new ArrayList<>(value.size());
                for (JsonNode element : value) {
                    list.add(read(element));
                }
                return new ListValue(list);
            }
            default:
                throw ApiException.validation("Supplied AttributeValue has an unknown datatype: " + entry.getKey()
                        + "; supported are S, N, B, SS, NS, BS, M, L, NULL, BOOL");
        }
    }

    private static <T> void addUnique(Set<T> set, T element, JsonNode whole) {
        if (!set.add(element)) {
            throw ApiException.validation("One or more parameter values were invalid: Input collection " + render(whole)
                    + " contains duplicates.");
        }
    }

    private static String render(JsonNode array) {
        java.util.List<String> elements = new ArrayList<>();
        array.forEach(element -> elements.add(element.asText()));
        return elements.toString();
    }

    private static JsonNode array(JsonNode value, String type, String emptyMessage) {
        if (!value.isArray()) {
            throw serialization(type);
        }
        if (value.isEmpty()) {
            throw ApiException.validation("One or more parameter values were invalid: " + emptyMessage);
        }
        return value;
    }

    private static String text(JsonNode value, String type) {
        if (!value.isTextual()) {
            throw serialization(type);
        }
        return value.textValue();
    }

    private static byte[] binary(JsonNode value) {
        if (!value.isTextual()) {
            throw serialization("B");
        }
        try {
            return Base64.getDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    "SerializationException",
                    400,
                    "Base64 encoded length is expected a multiple of 4 bytes but found: "
                            + value.textValue().length());
        }
    }

    private static ApiException serialization(String type) {
        return new ApiException(
                "SerializationException", 400, "Unexpected value type for attribute value member " + type);
    }

    /** Writes an item as a JSON object. */
    public static ObjectNode writeItem(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        item.forEach((name, value) -> node.set(name, write(value)));
        return node;
    }

    /** Writes one typed value. */
    public static ObjectNode write(AttributeValue value) {
        ObjectNode node = NODES.objectNode();
        if (value instanceof Str s) {
            node.put("S", s.value());
        } else if (value instanceof Num n) {
            node.put("N", Numbers.format(n.value()));
        } else if (value instanceof Bin b) {
            node.put("B", Base64.getEncoder().encodeToString(b.value()));
        } else if (value instanceof BoolValue b) {
            node.put("BOOL", b.value());
        } else if (value instanceof NullValue) {
            node.put("NULL", true);
        } else if (value instanceof StrSet ss) {
            ArrayNode array = node.putArray("SS");
            ss.value().forEach(array::add);
        } else if (value instanceof NumSet ns) {
            ArrayNode array = node.putArray("NS");
            ns.value().forEach(n -> array.add(Numbers.format(n)));
        } else if (value instanceof BinSet bs) {
            ArrayNode array = node.putArray("BS");
            bs.value().forEach(b -> array.add(Base64.getEncoder().encodeToString(b.value())));
        } else if (value instanceof MapValue m) {
            node.set("M", writeItem(m.value()));
        } else if (value instanceof ListValue l) {
            ArrayNode array = node.putArray("L");
            l.value().forEach(element -> array.add(write(element)));
        }
        return node;
    }
}
