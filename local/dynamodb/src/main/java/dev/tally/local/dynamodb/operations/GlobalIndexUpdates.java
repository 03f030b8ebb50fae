package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.TableDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UpdateTable's GlobalSecondaryIndexUpdates: create one index or delete one (AWS allows one of
 * either per call), or change an index's provisioned throughput. A new index becomes ACTIVE at
 * once, filled from the table's items.
 */
final class GlobalIndexUpdates {

    private GlobalIndexUpdates() {}

    /** The table definition after the updates; validates them against the current definition. */
    static TableDefinition apply(TableDefinition table, JsonNode updates, JsonNode attributeDefinitions) {
        if (!updates.isArray() || updates.isEmpty()) {
            throw ApiException.validation(
                    "GlobalSecondaryIndexUpdates must list at least one Create, Update or Delete");
        }
        Map<String, String> types = new LinkedHashMap<>(table.attributeTypes());
        if (attributeDefinitions != null) {
            CreateTableParser.attributeDefinitions(attributeDefinitions).forEach((name, type) -> {
                String existing = types.putIfAbsent(name, type);
                if (existing != null && !existing.equals(type)) {
                    throw ApiException.validation(
                            "One or more parameter values were invalid: Cannot change the type of attribute " + name
                                    + " from " + existing + " to " + type);
                }
            });
        }
        List<IndexDefinition> indexes = new ArrayList<>(table.indexes());
        int structural = 0;
        for (JsonNode update : updates) {
            Request.checkMembers(update, "GlobalSecondaryIndexUpdate", Set.of("Create", "Update", "Delete"));
            if (update.size() != 1) {
                throw ApiException.validation(
                        "A GlobalSecondaryIndexUpdate holds exactly one of Create, Update or Delete");
            }
            if (update.has("Create")) {
                structural++;
                Set<String> names = new HashSet<>();
                indexes.forEach(index -> names.add(index.name()));
                String name = update.get("Create").path("IndexName").asText();
                if (names.contains(name)) {
                    throw ApiException.validation(
                            "One or more parameter values were invalid: Index already exists: " + name);
                }
                Request.checkMembers(
                        update.get("Create"),
                        "GlobalSecondaryIndexUpdate.Create",
                        Set.of("IndexName", "KeySchema", "Projection", "ProvisionedThroughput"));
                indexes.add(CreateTableParser.index(update.get("Create"), true, table.billingMode(), names));
            } else if (update.has("Delete")) {
                structural++;
                Request.checkMembers(update.get("Delete"), "GlobalSecondaryIndexUpdate.Delete", Set.of("IndexName"));
                IndexDefinition index =
                        global(indexes, update.get("Delete").path("IndexName").asText());
                indexes.remove(index);
            } else {
                Request.checkMembers(
                        update.get("Update"),
                        "GlobalSecondaryIndexUpdate.Update",
                        Set.of("IndexName", "ProvisionedThroughput"));
                IndexDefinition index =
                        global(indexes, update.get("Update").path("IndexName").asText());
                JsonNode throughput = update.get("Update").path("ProvisionedThroughput");
                long reads = throughput.path("ReadCapacityUnits").asLong(0);
                long writes = throughput.path("WriteCapacityUnits").asLong(0);
                if (!table.billingMode().equals("PROVISIONED") || reads < 1 || writes < 1) {
                    throw ApiException.validation(
                            "One or more parameter values were invalid: ProvisionedThroughput of index " + index.name()
                                    + " needs ReadCapacityUnits and WriteCapacityUnits of at least 1 on a PROVISIONED table");
                }
                indexes.set(
                        indexes.indexOf(index),
                        new IndexDefinition(
                                index.name(),
                                true,
                                index.hashKey(),
                                index.rangeKey(),
                                index.projectionType(),
                                index.nonKeyAttributes(),
                                reads,
                                writes));
            }
        }
        if (structural > 1) {
            throw ApiException.validation("One or more parameter values were invalid: "
                    + "Only one global secondary index can be created or deleted per UpdateTable call");
        }
        return table.withIndexes(usedTypes(table, types, indexes), indexes);
    }

    private static IndexDefinition global(List<IndexDefinition> indexes, String name) {
        return indexes.stream()
                .filter(index -> index.global() && index.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> ApiException.notFound("Requested resource not found: Index: " + name + " not found"));
    }

    /** Attribute definitions are kept only for key attributes; every key attribute must be defined. */
    private static Map<String, String> usedTypes(
            TableDefinition table, Map<String, String> types, List<IndexDefinition> indexes) {
        Set<String> used = new HashSet<>(table.keyNames());
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
        Map<String, String> kept = new LinkedHashMap<>(types);
        kept.keySet().retainAll(used);
        return kept;
    }
}
