package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.expression.Condition;
import dev.tally.local.dynamodb.expression.DocumentPath;
import dev.tally.local.dynamodb.expression.UpdateExpression;
import dev.tally.local.dynamodb.expression.UpdateExpressionParser;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import dev.tally.local.dynamodb.model.ItemSize;
import dev.tally.local.dynamodb.storage.Database;
import dev.tally.local.dynamodb.storage.TableData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems and TransactGetItems. A write transaction checks every condition under the
 * exclusive lock, then applies all of its writes or none; a ClientRequestToken makes a repeat
 * within ten minutes return the first answer without writing again.
 */
public final class TransactionOperations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long TOKEN_MILLIS = 10 * 60 * 1000;

    private final Database database;
    private final Map<String, TokenUse> tokens = new LinkedHashMap<>();

    private record TokenUse(String request, ObjectNode response, long millis) {}

    private record Action(
            String kind,
            String table,
            Map<String, AttributeValue> key,
            Map<String, AttributeValue> item,
            Condition condition,
            UpdateExpression update,
            String onFailure) {}

    /** Operations on this database. */
    public TransactionOperations(Database database) {
        this.database = database;
    }

    /** TransactWriteItems. */
    public ObjectNode transactWriteItems(JsonNode body) {
        Request request = Request.of(
                body,
                "TransactWriteItems",
                Set.of("TransactItems", "ClientRequestToken", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics"));
        request.requireNone("ReturnConsumedCapacity");
        request.requireNone("ReturnItemCollectionMetrics");
        JsonNode items = transactItems(request);
        List<Action> actions = new ArrayList<>();
        for (JsonNode element : items) {
            actions.add(parse(element));
        }
        String token = request.string("ClientRequestToken");
        String fingerprint = items.toString();
        return database.write(batch -> {
            long now = database.clock().millis();
            tokens.values().removeIf(use -> use.millis() < now - TOKEN_MILLIS);
            if (token != null && tokens.containsKey(token)) {
                TokenUse use = tokens.get(token);
                if (!use.request().equals(fingerprint)) {
                    throw new ApiException(
                            "IdempotentParameterMismatchException",
                            400,
                            "Request parameters do not match a previous request with the same ClientRequestToken");
                }
                return use.response().deepCopy();
            }
            List<TableData> tables = new ArrayList<>();
            Set<List<Object>> seen = new HashSet<>();
            for (Action action : actions) {
                TableData table = database.requireItemTable(action.table());
                Map<String, AttributeValue> key = action.item() != null
                        ? keyOfItem(table, action.item())
                        : Keys.checkKey(table.definition(), action.key());
                if (!seen.add(List.of(action.table(), new LinkedHashMap<>(key)))) {
                    throw ApiException.validation("Transaction request cannot include multiple operations on one item");
                }
                tables.add(table);
            }
            List<Map<String, AttributeValue>> results = new ArrayList<>();
            ArrayNode reasons = NODES.arrayNode();
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                TableData table = tables.get(i);
                Map<String, AttributeValue> key =
                        action.item() != null ? keyOfItem(table, action.item()) : action.key();
                Map<String, AttributeValue> old = table.get(key);
                ObjectNode reason = reasons.addObject();
                if (!Expressions.matches(action.condition(), old)) {
                    reason.put("Code", "ConditionalCheckFailed").put("Message", "The conditional request failed");
                    if ("ALL_OLD".equals(action.onFailure()) && old != null) {
                        reason.set("Item", AttributeValueJson.writeItem(old));
                    }
                    codes.add("ConditionalCheckFailed");
                    results.add(null);
                    continue;
                }
                try {
                    results.add(
                            switch (action.kind()) {
                                case "Put" -> action.item();
                                case "Update" ->
                                    ItemOperations.applyUpdate(table.definition(), action.update(), key, old);
                                default -> null;
                            });
                    reason.put("Code", "None");
                    codes.add("None");
                } catch (ApiException e) {
                    reason.put("Code", "ValidationError").put("Message", e.getMessage());
                    codes.add("ValidationError");
                    results.add(null);
                }
            }
            if (codes.stream().anyMatch(code -> !code.equals("None"))) {
                ApiException cancelled = new ApiException(
                        "TransactionCanceledException",
                        400,
                        "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes);
                cancelled.extra().set("CancellationReasons", reasons);
                throw cancelled;
            }
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                switch (action.kind()) {
                    case "Put", "Update" -> batch.put(tables.get(i), results.get(i));
                    case "Delete" -> batch.delete(tables.get(i), action.key(), false);
                    default -> {}
                }
            }
            ObjectNode response = NODES.objectNode();
            if (token != null) {
                tokens.put(token, new TokenUse(fingerprint, response.deepCopy(), now));
            }
            return response;
        });
    }

    /** TransactGetItems. */
    public ObjectNode transactGetItems(JsonNode body) {
        Request request = Request.of(body, "TransactGetItems", Set.of("TransactItems", "ReturnConsumedCapacity"));
        request.requireNone("ReturnConsumedCapacity");
        JsonNode items = transactItems(request);
        record Get(String table, Map<String, AttributeValue> key, List<DocumentPath> projection) {}
        List<Get> gets = new ArrayList<>();
        for (JsonNode element : items) {
            Request.checkMembers(element, "TransactGetItem", Set.of("Get"));
            Request get = Request.of(
                    element.path("Get"),
                    "TransactGetItems.Get",
                    Set.of("TableName", "Key", "ProjectionExpression", "ExpressionAttributeNames"));
            Expressions expressions = new Expressions(get);
            List<DocumentPath> projection = expressions.projection();
            expressions.finish();
            gets.add(new Get(get.tableName(), ItemOperations.requireKey(get), projection));
        }
        return database.read(() -> {
            ObjectNode response = NODES.objectNode();
            ArrayNode responses = response.putArray("Responses");
            for (Get get : gets) {
                TableData table = database.requireItemTable(get.table());
                Map<String, AttributeValue> item = table.get(Keys.checkKey(table.definition(), get.key()));
                ObjectNode entry = responses.addObject();
                if (item != null) {
                    entry.set("Item", AttributeValueJson.writeItem(Expressions.project(get.projection(), item)));
                }
            }
            return response;
        });
    }

    private static JsonNode transactItems(Request request) {
        JsonNode items = request.get("TransactItems");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ApiException.validation(
                    "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
        }
        if (items.size() > 100) {
            throw ApiException.validation(
                    "1 validation error detected: Value '" + items.size()
                            + "' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100");
        }
        return items;
    }

    private static Map<String, AttributeValue> keyOfItem(TableData table, Map<String, AttributeValue> item) {
        Keys.checkItem(table.definition(), item);
        return Keys.keyOf(table.definition(), item);
    }

    private static Action parse(JsonNode element) {
        Request.checkMembers(element, "TransactWriteItem", Set.of("ConditionCheck", "Put", "Delete", "Update"));
        if (element.size() != 1) {
            throw ApiException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String kind = element.fieldNames().next();
        Set<String> common = Set.of(
                "TableName",
                "ConditionExpression",
                "ExpressionAttributeNames",
                "ExpressionAttributeValues",
                "ReturnValuesOnConditionCheckFailure");
        Request request = switch (kind) {
            case "Put" -> Request.of(element.get(kind), "Put", ItemOperations.with(common, "Item"));
            case "Update" ->
                Request.of(element.get(kind), "Update", ItemOperations.with(common, "Key", "UpdateExpression"));
            default -> Request.of(element.get(kind), kind, ItemOperations.with(common, "Key"));
        };
        String table = request.tableName();
        Expressions expressions = new Expressions(request);
        UpdateExpression update = null;
        if (kind.equals("Update")) {
            expressions.used();
            update = UpdateExpressionParser.parse(request.requireString("UpdateExpression"), expressions.context());
        }
        Condition condition = expressions.condition("ConditionExpression");
        if (kind.equals("ConditionCheck") && condition == null) {
            throw ApiException.validation(
                    "1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null");
        }
        expressions.finish();
        String onFailure =
                request.enumValue("ReturnValuesOnConditionCheckFailure", "NONE", ItemOperations.RETURN_ON_FAILURE);
        Map<String, AttributeValue> item = null;
        Map<String, AttributeValue> key = null;
        if (kind.equals("Put")) {
            item = AttributeValueJson.readItem(request.get("Item"), "Item");
            ItemSize.check(item);
        } else {
            key = ItemOperations.requireKey(request);
        }
        return new Action(kind, table, key, item, condition, update, onFailure);
    }
}
