package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.expression.Condition;
import dev.tally.local.dynamodb.expression.DocumentPath;
import dev.tally.local.dynamodb.expression.Projection;
import dev.tally.local.dynamodb.expression.UpdateApplier;
import dev.tally.local.dynamodb.expression.UpdateExpression;
import dev.tally.local.dynamodb.expression.UpdateExpressionParser;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import dev.tally.local.dynamodb.model.ItemSize;
import dev.tally.local.dynamodb.model.TableDefinition;
import dev.tally.local.dynamodb.storage.Database;
import dev.tally.local.dynamodb.storage.TableData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PutItem, GetItem, UpdateItem and DeleteItem. */
public final class ItemOperations {

    static final Set<String> RETURN_ON_FAILURE = Set.of("NONE", "ALL_OLD");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> COMMON = Set.of(
            "TableName",
            "ConditionExpression",
            "ExpressionAttributeNames",
            "ExpressionAttributeValues",
            "ReturnValues",
            "ReturnValuesOnConditionCheckFailure",
            "ReturnConsumedCapacity",
            "ReturnItemCollectionMetrics");

    private final Database database;

    /** Operations on this database. */
    public ItemOperations(Database database) {
        this.database = database;
    }

    /** PutItem. */
    public ObjectNode putItem(JsonNode body) {
        Request request = Request.of(body, "PutItem", with(COMMON, "Item"));
        String tableName = request.tableName();
        Map<String, AttributeValue> item = AttributeValueJson.readItem(request.get("Item"), "Item");
        if (!request.has("Item")) {
            throw ApiException.validation(
                    "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null");
        }
        Expressions expressions = new Expressions(request);
        Condition condition = expressions.condition("ConditionExpression");
        expressions.finish();
        String returnValues =
                returnValues(request, Set.of("NONE", "ALL_OLD"), "ReturnValues can only be ALL_OLD or NONE");
        String onFailure = request.enumValue("ReturnValuesOnConditionCheckFailure", "NONE", RETURN_ON_FAILURE);
        ItemSize.check(item);
        return database.write(batch -> {
            TableData table = database.requireItemTable(tableName);
            Keys.checkItem(table.definition(), item);
            Map<String, AttributeValue> old = table.get(Keys.keyOf(table.definition(), item));
            if (!Expressions.matches(condition, old)) {
                throw Expressions.conditionFailed(onFailure, old);
            }
            batch.put(table, item);
            return attributes(returnValues.equals("ALL_OLD") ? old : null);
        });
    }

    /** GetItem. */
    public ObjectNode getItem(JsonNode body) {
        Request request = Request.of(
                body,
                "GetItem",
                Set.of(
                        "TableName",
                        "Key",
                        "ProjectionExpression",
                        "ExpressionAttributeNames",
                        "ConsistentRead",
                        "ReturnConsumedCapacity"));
        String tableName = request.tableName();
        Map<String, AttributeValue> key = requireKey(request);
        Expressions expressions = new Expressions(request);
        List<DocumentPath> projection = expressions.projection();
        expressions.finish();
        request.bool("ConsistentRead", false);
        request.requireNone("ReturnConsumedCapacity");
        return database.read(() -> {
            TableData table = database.requireItemTable(tableName);
            Map<String, AttributeValue> item = table.get(Keys.checkKey(table.definition(), key));
            ObjectNode response = NODES.objectNode();
            if (item != null) {
                response.set("Item", AttributeValueJson.writeItem(Expressions.project(projection, item)));
            }
            return response;
        });
    }

    /** DeleteItem. */
    public ObjectNode deleteItem(JsonNode body) {
        Request request = Request.of(body, "DeleteItem", with(COMMON, "Key"));
        String tableName = request.tableName();
        Map<String, AttributeValue> key = requireKey(request);
        Expressions expressions = new Expressions(request);
        Condition condition = expressions.condition("ConditionExpression");
        expressions.finish();
        String returnValues =
                returnValues(request, Set.of("NONE", "ALL_OLD"), "ReturnValues can only be ALL_OLD or NONE");
        String onFailure = request.enumValue("ReturnValuesOnConditionCheckFailure", "NONE", RETURN_ON_FAILURE);
        return database.write(batch -> {
            TableData table = database.requireItemTable(tableName);
            Map<String, AttributeValue> old = table.get(Keys.checkKey(table.definition(), key));
            if (!Expressions.matches(condition, old)) {
                throw Expressions.conditionFailed(onFailure, old);
            }
            if (old != null) {
                batch.delete(table, key, false);
            }
            return attributes(returnValues.equals("ALL_OLD") ? old : null);
        });
    }

    /** UpdateItem. */
    public ObjectNode updateItem(JsonNode body) {
        Request request = Request.of(body, "UpdateItem", with(COMMON, "Key", "UpdateExpression"));
        String tableName = request.tableName();
        Map<String, AttributeValue> key = requireKey(request);
        Expressions expressions = new Expressions(request);
        UpdateExpression update = null;
        if (request.has("UpdateExpression")) {
            expressions.used();
            update = UpdateExpressionParser.parse(request.string("UpdateExpression"), expressions.context());
        }
        Condition condition = expressions.condition("ConditionExpression");
        expressions.finish();
        String returnValues =
                returnValues(request, Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"), null);
        String onFailure = request.enumValue("ReturnValuesOnConditionCheckFailure", "NONE", RETURN_ON_FAILURE);
        UpdateExpression finalUpdate = update;
        return database.write(batch -> {
            TableData table = database.requireItemTable(tableName);
            Keys.checkKey(table.definition(), key);
            Map<String, AttributeValue> old = table.get(key);
            if (!Expressions.matches(condition, old)) {
                throw Expressions.conditionFailed(onFailure, old);
            }
            List<DocumentPath> written = new java.util.ArrayList<>();
            Map<String, AttributeValue> updated = applyUpdate(table.definition(), finalUpdate, key, old, written);
            batch.put(table, updated);
            return attributes(returnedAttributes(returnValues, finalUpdate, old, updated, written));
        });
    }

    /** The new item an update produces, validated (keys untouched, size, index key types). */
    static Map<String, AttributeValue> applyUpdate(
            TableDefinition table,
            UpdateExpression update,
            Map<String, AttributeValue> key,
            Map<String, AttributeValue> old) {
        return applyUpdate(table, update, key, old, new java.util.ArrayList<>());
    }

    private static Map<String, AttributeValue> applyUpdate(
            TableDefinition table,
            UpdateExpression update,
            Map<String, AttributeValue> key,
            Map<String, AttributeValue> old,
            List<DocumentPath> written) {
        Map<String, AttributeValue> base = old != null ? old : new LinkedHashMap<>(key);
        if (update == null) {
            return base;
        }
        for (DocumentPath path : update.paths()) {
            if (table.keyNames().contains(path.attribute())) {
                throw ApiException.validation("One or more parameter values were invalid: Cannot update attribute "
                        + path.attribute() + ". This attribute is part of the key");
            }
        }
        Map<String, AttributeValue> updated = UpdateApplier.apply(update, base, written);
        if (ItemSize.of(updated) > ItemSize.MAX_ITEM_BYTES) {
            throw ApiException.validation("Item size to update has exceeded the maximum allowed size");
        }
        Keys.checkItem(table, updated);
        return updated;
    }

    private static Map<String, AttributeValue> returnedAttributes(
            String returnValues,
            UpdateExpression update,
            Map<String, AttributeValue> old,
            Map<String, AttributeValue> updated,
            List<DocumentPath> written) {
        switch (returnValues) {
            case "ALL_OLD":
                return old;
            case "ALL_NEW":
                return updated;
            case "UPDATED_OLD":
                return old == null || update == null ? null : Projection.apply(update.paths(), old);
            case "UPDATED_NEW":
                return update == null ? null : Projection.apply(written, updated);
            default:
                return null;
        }
    }

    static Map<String, AttributeValue> requireKey(Request request) {
        if (!request.has("Key")) {
            throw ApiException.validation(
                    "1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null");
        }
        return AttributeValueJson.readItem(request.get("Key"), "Key");
    }

    private static String returnValues(Request request, Set<String> allowed, String message) {
        request.requireNone("ReturnConsumedCapacity");
        request.requireNone("ReturnItemCollectionMetrics");
        String value = request.enumValue(
                "ReturnValues", "NONE", Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
        if (!allowed.contains(value)) {
            throw ApiException.validation(message);
        }
        return value;
    }

    private static ObjectNode attributes(Map<String, AttributeValue> attributes) {
        ObjectNode response = NODES.objectNode();
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", AttributeValueJson.writeItem(attributes));
        }
        return response;
    }

    static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
