package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.expression.DocumentPath;
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

/** BatchGetItem and BatchWriteItem; everything is processed, so the Unprocessed maps are empty. */
public final class BatchOperations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Database database;

    /** Operations on this database. */
    public BatchOperations(Database database) {
        this.database = database;
    }

    /** BatchGetItem (up to 100 keys). */
    public ObjectNode batchGetItem(JsonNode body) {
        Request request = Request.of(body, "BatchGetItem", Set.of("RequestItems", "ReturnConsumedCapacity"));
        request.requireNone("ReturnConsumedCapacity");
        JsonNode requestItems = requireRequestItems(request);
        record TableRead(
                String requested,
                String table,
                List<Map<String, AttributeValue>> keys,
                List<DocumentPath> projection) {}
        List<TableRead> reads = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, JsonNode> entry : requestItems.properties()) {
            String table = TableNames.resolve(entry.getKey(), "requestItems.key");
            Request tableRequest = Request.of(
                    entry.getValue(),
                    "BatchGetItem.RequestItems",
                    Set.of("Keys", "ProjectionExpression", "ExpressionAttributeNames", "ConsistentRead"));
            tableRequest.bool("ConsistentRead", false);
            Expressions expressions = new Expressions(tableRequest);
            List<DocumentPath> projection = expressions.projection();
            expressions.finish();
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            Set<Map<String, AttributeValue>> seen = new HashSet<>();
            JsonNode keyNodes = tableRequest.get("Keys");
            if (keyNodes == null || keyNodes.isEmpty()) {
                throw ApiException.validation(
                        "1 validation error detected: Value null at 'requestItems." + table
                                + ".member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1");
            }
            for (JsonNode keyNode : keyNodes) {
                Map<String, AttributeValue> key = AttributeValueJson.readItem(keyNode, "Keys");
                if (!seen.add(key)) {
                    throw ApiException.validation("Provided list of item keys contains duplicates");
                }
                keys.add(key);
            }
            total += keys.size();
            reads.add(new TableRead(entry.getKey(), table, keys, projection));
        }
        if (total > 100) {
            throw ApiException.validation("Too many items requested for the BatchGetItem call");
        }
        return database.read(() -> {
            ObjectNode response = NODES.objectNode();
            ObjectNode responses = response.putObject("Responses");
            for (TableRead read : reads) {
                TableData table = database.requireItemTable(read.table());
                ArrayNode items = responses.putArray(read.requested());
                for (Map<String, AttributeValue> key : read.keys()) {
                    Map<String, AttributeValue> item = table.get(Keys.checkKey(table.definition(), key));
                    if (item != null) {
                        items.add(AttributeValueJson.writeItem(Expressions.project(read.projection(), item)));
                    }
                }
            }
            response.putObject("UnprocessedKeys");
            return response;
        });
    }

    /** BatchWriteItem (up to 25 puts and deletes), applied under one lock. */
    public ObjectNode batchWriteItem(JsonNode body) {
        Request request = Request.of(
                body,
                "BatchWriteItem",
                Set.of("RequestItems", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics"));
        request.requireNone("ReturnConsumedCapacity");
        request.requireNone("ReturnItemCollectionMetrics");
        JsonNode requestItems = requireRequestItems(request);
        record Write(String table, Map<String, AttributeValue> item, Map<String, AttributeValue> key) {}
        List<Write> writes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : requestItems.properties()) {
            String table = TableNames.resolve(entry.getKey(), "requestItems.key");
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                throw ApiException.validation("1 validation error detected: Value at 'requestItems." + table
                        + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
            }
            for (JsonNode write : entry.getValue()) {
                Request.checkMembers(write, "WriteRequest", Set.of("PutRequest", "DeleteRequest"));
                if (write.size() != 1) {
                    throw ApiException.validation(
                            "Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest");
                }
                if (write.has("PutRequest")) {
                    Request.checkMembers(write.get("PutRequest"), "PutRequest", Set.of("Item"));
                    Map<String, AttributeValue> item =
                            AttributeValueJson.readItem(write.get("PutRequest").get("Item"), "Item");
                    ItemSize.check(item);
                    writes.add(new Write(table, item, null));
                } else {
                    Request.checkMembers(write.get("DeleteRequest"), "DeleteRequest", Set.of("Key"));
                    writes.add(new Write(
                            table,
                            null,
                            AttributeValueJson.readItem(
                                    write.get("DeleteRequest").get("Key"), "Key")));
                }
            }
        }
        if (writes.size() > 25) {
            throw ApiException.validation(
                    "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: "
                            + "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }
        return database.write(batch -> {
            Set<List<Object>> seen = new HashSet<>();
            List<Map.Entry<TableData, Write>> checked = new ArrayList<>();
            for (Write write : writes) {
                TableData table = database.requireItemTable(write.table());
                Map<String, AttributeValue> key;
                if (write.item() != null) {
                    Keys.checkItem(table.definition(), write.item());
                    key = Keys.keyOf(table.definition(), write.item());
                } else {
                    key = Keys.checkKey(table.definition(), write.key());
                }
                if (!seen.add(List.of(write.table(), new LinkedHashMap<>(key)))) {
                    throw ApiException.validation("Provided list of item keys contains duplicates");
                }
                checked.add(Map.entry(table, new Write(write.table(), write.item(), key)));
            }
            for (Map.Entry<TableData, Write> entry : checked) {
                if (entry.getValue().item() != null) {
                    batch.put(entry.getKey(), entry.getValue().item());
                } else {
                    batch.delete(entry.getKey(), entry.getValue().key(), false);
                }
            }
            ObjectNode response = NODES.objectNode();
            response.putObject("UnprocessedItems");
            return response;
        });
    }

    private static JsonNode requireRequestItems(Request request) {
        JsonNode items = request.get("RequestItems");
        if (items == null || !items.isObject() || items.isEmpty()) {
            throw ApiException.validation(
                    "1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
        }
        return items;
    }
}
