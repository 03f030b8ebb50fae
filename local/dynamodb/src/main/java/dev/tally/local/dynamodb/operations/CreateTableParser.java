package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.TableDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Turns a CreateTable request into a validated {@link TableDefinition}. */
final class CreateTableParser {

    static final Set<String> PARAMETERS = Set.of(
            "TableName",
            "AttributeDefinitions",
            "KeySchema",
            "LocalSecondaryIndexes",
            "GlobalSecondaryIndexes",
            "BillingMode",
            "ProvisionedThroughput",
            "StreamSpecification",
            "Tags",
            "SSESpecification",
            "TableClass",
            "DeletionProtectionEnabled");

    private CreateTableParser() {}

    static TableDefinition parse(Request request, long nowMillis) {
        String name = TableNames.check(request.requireString("TableName"), "tableName");
        if (request.bool("DeletionProtectionEnabled", false)) {
            throw ApiException.validation("DeletionProtectionEnabled=true is not supported by Tally's local DynamoDB");
        }
        String tableClass = request.string("TableClass");
        if (tableClass != null && !tableClass.equals("STANDARD")) {
            throw ApiException.validation(
                    "TableClass " + tableClass + " is not supported by Tally's local DynamoDB; use STANDARD");
        }
        Map<String, String> types = attributeDefinitions(request.get("AttributeDefinitions"));
        String[] key = keySchema(request.get("KeySchema"), "keySchema");
        String billing = request.enumValue("BillingMode", "PROVISIONED", Set.of("PROVISIONED", "PAY_PER_REQUEST"));
        long[] throughput = throughput(request.get("ProvisionedThroughput"), billing, null);
        List<IndexDefinition> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        if (request.has("LocalSecondaryIndexes")) {
            if (key[1] == null) {
                throw ApiException.validation(
                        "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            for (JsonNode index : request.get("LocalSecondaryIndexes")) {
                Request.checkMembers(index, "LocalSecondaryIndex", Set.of("IndexName", "KeySchema", "Projection"));
                IndexDefinition local = index(index, false, billing, indexNames);
                if (!local.hashKey().equals(key[0]) || local.rangeKey() == null) {
                    throw ApiException.validation(
                            "One or more parameter values were invalid: Index KeySchema for a local secondary index must have the table's hash key and a range key; index: "
                                    + local.name());
                }
                indexes.add(local);
            }
        }
        if (request.has("GlobalSecondaryIndexes")) {
            for (JsonNode index : request.get("GlobalSecondaryIndexes")) {
                Request.checkMembers(
                        index,
                        "GlobalSecondaryIndex",
                        Set.of("IndexName", "KeySchema", "Projection", "ProvisionedThroughput"));
                indexes.add(index(index, true, billing, indexNames));
            }
        }
        Set<String> used = new LinkedHashSet<>();
        used.add(key[0]);
        if (key[1] != null) {
            used.add(key[1]);
        }
        for (IndexDefinition index : indexes) {
            used.add(index.hashKey());
            if (index.rangeKey() != null) {
                used.add(index.rangeKey());
            }
        }
        for (String attribute : used) {
            if (!types.containsKey(attribute)) {
                throw ApiException.validation(
                        "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: "
                                + used + ", AttributeDefinitions: " + types.keySet());
            }
        }
        if (!used.containsAll(types.keySet())) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        String streamView = streamViewType(request.get("StreamSpecification"));
        return new TableDefinition(
                name,
                UUID.randomUUID().toString(),
                types,
                key[0],
                key[1],
                indexes,
                billing,
                throughput[0],
                throughput[1],
                nowMillis,
                streamView,
                null,
                null);
    }

    /** The view type of a stream specification that enables a stream, or null. */
    static String streamViewType(JsonNode specification) {
        if (specification == null || specification.isNull()) {
            return null;
        }
        Request.checkMembers(specification, "StreamSpecification", Set.of("StreamEnabled", "StreamViewType"));
        boolean enabled = specification.path("StreamEnabled").asBoolean(false);
        JsonNode type = specification.get("StreamViewType");
        if (!enabled) {
            if (type != null && !type.isNull()) {
                throw ApiException.validation(
                        "One or more parameter values were invalid: StreamViewType cannot be specified when StreamEnabled is false");
            }
            return null;
        }
        if (type == null || type.isNull()) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: You must specify a StreamViewType when StreamEnabled is true");
        }
        if (!Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES").contains(type.asText())) {
            throw ApiException.validation(
                    "1 validation error detected: Value '" + type.asText()
                            + "' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
        }
        return type.asText();
    }

    static Map<String, String> attributeDefinitions(JsonNode definitions) {
        if (definitions == null || !definitions.isArray() || definitions.isEmpty()) {
            throw ApiException.validation(
                    "1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null");
        }
        Map<String, String> types = new LinkedHashMap<>();
        int position = 1;
        for (JsonNode definition : definitions) {
            Request.checkMembers(definition, "AttributeDefinition", Set.of("AttributeName", "AttributeType"));
            String type = definition.path("AttributeType").asText();
            if (!Set.of("S", "N", "B").contains(type)) {
                throw ApiException.validation(
                        "1 validation error detected: Value '" + type + "' at 'attributeDefinitions." + position
                                + ".member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]");
            }
            String name = definition.path("AttributeName").asText();
            if (types.put(name, type) != null) {
                throw ApiException.validation("Cannot have two attributes with the same name: " + name);
            }
            position++;
        }
        return types;
    }

    private static String[] keySchema(JsonNode schema, String field) {
        if (schema == null || !schema.isArray() || schema.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (schema.size() > 2) {
            throw ApiException.validation("1 validation error detected: Value at '" + field
                    + "' failed to satisfy constraint: Member must have length less than or equal to 2");
        }
        for (JsonNode element : schema) {
            Request.checkMembers(element, "KeySchemaElement", Set.of("AttributeName", "KeyType"));
        }
        if (!schema.get(0).path("KeyType").asText().equals("HASH")) {
            throw ApiException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (schema.size() == 2 && !schema.get(1).path("KeyType").asText().equals("RANGE")) {
            throw ApiException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        String hash = schema.get(0).path("AttributeName").asText();
        String range = schema.size() == 2 ? schema.get(1).path("AttributeName").asText() : null;
        if (hash.equals(range)) {
            throw ApiException.validation(
                    "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        return new String[] {hash, range};
    }

    private static long[] throughput(JsonNode throughput, String billing, String indexName) {
        boolean given = throughput != null && !throughput.isNull();
        if (billing.equals("PAY_PER_REQUEST")) {
            if (given) {
                throw ApiException.validation(
                        "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return new long[] {0, 0};
        }
        if (!given || !throughput.has("ReadCapacityUnits") || !throughput.has("WriteCapacityUnits")) {
            throw ApiException.validation(
                    indexName == null
                            ? "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
                            : "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: "
                                    + indexName);
        }
        long reads = throughput.get("ReadCapacityUnits").asLong();
        long writes = throughput.get("WriteCapacityUnits").asLong();
        if (reads < 1 || writes < 1) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: Provisioned throughput for readCapacityUnits and writeCapacityUnits must be greater than or equal to 1");
        }
        return new long[] {reads, writes};
    }

    static IndexDefinition index(JsonNode index, boolean global, String billing, Set<String> names) {
        String name = TableNames.check(index.path("IndexName").asText(), "indexName");
        if (!names.add(name)) {
            throw ApiException.validation("One or more parameter values were invalid: Duplicate index name: " + name);
        }
        String[] key = keySchema(index.get("KeySchema"), "keySchema");
        JsonNode projection = index.get("Projection");
        if (projection == null || !projection.has("ProjectionType")) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: Projection must be specified for index: " + name);
        }
        Request.checkMembers(projection, "Projection", Set.of("ProjectionType", "NonKeyAttributes"));
        String type = projection.get("ProjectionType").asText();
        if (!Set.of("ALL", "KEYS_ONLY", "INCLUDE").contains(type)) {
            throw ApiException.validation(
                    "1 validation error detected: Value '" + type
                            + "' at 'projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
        }
        List<String> include = new ArrayList<>();
        if (projection.has("NonKeyAttributes")) {
            if (!type.equals("INCLUDE")) {
                throw ApiException.validation("One or more parameter values were invalid: ProjectionType is " + type
                        + ", but NonKeyAttributes is specified");
            }
            projection.get("NonKeyAttributes").forEach(a -> include.add(a.asText()));
        }
        long[] throughput = global ? throughput(index.get("ProvisionedThroughput"), billing, name) : new long[] {0, 0};
        return new IndexDefinition(name, global, key[0], key[1], type, include, throughput[0], throughput[1]);
    }
}
