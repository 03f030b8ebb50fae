package dev.tally.local.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between DynamoDB's JSON wire shapes (as AWS documents them) and the SDK's model objects,
 * using the SDK's own field metadata, so scenarios are written in the wire format while every request
 * still travels through the real {@code DynamoDbClient}.
 */
final class SdkJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {}

    /** Fills a model builder (e.g. {@code PutItemRequest.builder()}) from a wire-format object and builds it. */
    static Object build(SdkPojo builder, JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException(
                    "expected a JSON object for " + builder.getClass().getSimpleName() + " but got: " + json);
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(field -> fields.put(field.locationName(), field));
        json.properties().forEach(entry -> {
            SdkField<?> field = fields.get(entry.getKey());
            if (field == null) {
                throw new IllegalArgumentException("unknown field '" + entry.getKey() + "' for "
                        + builder.getClass().getName() + "; known: " + fields.keySet());
            }
            field.set(builder, toValue(field, entry.getValue()));
        });
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object toValue(SdkField<?> field, JsonNode json) {
        if (json.isNull()) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return json.isTextual() ? json.textValue() : json.toString();
        } else if (type == MarshallingType.INTEGER) {
            return json.asInt();
        } else if (type == MarshallingType.LONG) {
            return json.asLong();
        } else if (type == MarshallingType.BOOLEAN) {
            return json.asBoolean();
        } else if (type == MarshallingType.DOUBLE) {
            return json.asDouble();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return new BigDecimal(json.asText());
        } else if (type == MarshallingType.INSTANT) {
            return Instant.ofEpochMilli((long) (json.asDouble() * 1000));
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(json.asText()));
        } else if (type == MarshallingType.SDK_POJO) {
            return build(field.constructor().get(), json);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            json.forEach(element -> list.add(toValue(member, element)));
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            json.properties().forEach(entry -> map.put(entry.getKey(), toValue(value, entry.getValue())));
            return map;
        }
        throw new IllegalArgumentException("unsupported field type " + type + " of " + field.locationName());
    }

    /** Renders a model object (a response or a modelled exception) in the wire format. */
    static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            JsonNode json = fromValue(value);
            if (json != null) {
                node.set(field.locationName(), json);
            }
        }
        return node;
    }

    private static JsonNode fromValue(Object value) {
        if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
            return null;
        } else if (value instanceof String text) {
            return NODES.textNode(text);
        } else if (value instanceof Integer number) {
            return NODES.numberNode(number);
        } else if (value instanceof Long number) {
            return NODES.numberNode(number);
        } else if (value instanceof Double number) {
            return NODES.numberNode(number);
        } else if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        } else if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        } else if (value instanceof Instant instant) {
            return NODES.numberNode(instant.toEpochMilli() / 1000.0);
        } else if (value instanceof SdkBytes bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        } else if (value instanceof SdkPojo pojo) {
            return toJson(pojo);
        } else if (value instanceof Collection<?> collection) {
            ArrayNode array = NODES.arrayNode();
            collection.forEach(element -> array.add(fromValue(element)));
            return array;
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, element) -> object.set(String.valueOf(key), fromValue(element)));
            return object;
        }
        throw new IllegalArgumentException(
                "unsupported value type " + value.getClass().getName());
    }
}
