package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.expression.ConditionPaths;
import dev.tally.local.dynamodb.expression.KeyCondition;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.KeyValue;
import dev.tally.local.dynamodb.storage.Database;
import dev.tally.local.dynamodb.storage.EntryKey;
import dev.tally.local.dynamodb.storage.TableData;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Query and Scan: Limit counts items evaluated before the filter, a page stops at Limit or 1 MB,
 * and LastEvaluatedKey then names the last item evaluated.
 */
public final class ReadOperations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long PAGE_BYTES = 1024 * 1024;
    private static final Set<String> COMMON = Set.of(
            "TableName",
            "IndexName",
            "FilterExpression",
            "ProjectionExpression",
            "ExpressionAttributeNames",
            "ExpressionAttributeValues",
            "Limit",
            "ExclusiveStartKey",
            "Select",
            "ConsistentRead",
            "ReturnConsumedCapacity");

    private final Database database;

    /** Operations on this database. */
    public ReadOperations(Database database) {
        this.database = database;
    }

    /** Query. */
    public ObjectNode query(JsonNode body) {
        Request request =
                Request.of(body, "Query", ItemOperations.with(COMMON, "KeyConditionExpression", "ScanIndexForward"));
        String tableName = request.tableName();
        if (!request.has("KeyConditionExpression")) {
            throw ApiException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Expressions expressions = new Expressions(request);
        boolean forward = request.bool("ScanIndexForward", true);
        return database.read(() -> {
            ReadTarget target = target(request, database.requireItemTable(tableName));
            expressions.used();
            KeyCondition key = KeyCondition.parse(
                    request.string("KeyConditionExpression"),
                    expressions.context(),
                    target.items().hashKey(),
                    target.type(target.items().hashKey()),
                    target.items().rangeKey(),
                    target.items().rangeKey() == null
                            ? null
                            : target.type(target.items().rangeKey()));
            ReadPage page = new ReadPage(request, expressions, target);
            if (page.filter != null) {
                for (String attribute : ConditionPaths.attributes(page.filter)) {
                    if (attribute.equals(target.items().hashKey())
                            || attribute.equals(target.items().rangeKey())) {
                        throw ApiException.validation(
                                "Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                                        + attribute);
                    }
                }
            }
            Map<String, AttributeValue> start = page.start;
            EntryKey after = null;
            if (start != null) {
                if (!key.hashValue().equals(start.get(target.items().hashKey()))) {
                    throw ApiException.validation(
                            "The provided starting key is invalid: The provided starting key does not match the range key predicate");
                }
                after = target.items().entryKeyOf(start);
            }
            Iterator<Map<String, AttributeValue>> items = target.items()
                    .partition(new KeyValue(key.hashValue()), forward, after)
                    .iterator();
            return page.run(items, key::sortMatches);
        });
    }

    /** Scan, optionally one segment of a parallel scan. */
    public ObjectNode scan(JsonNode body) {
        Request request = Request.of(body, "Scan", ItemOperations.with(COMMON, "Segment", "TotalSegments"));
        String tableName = request.tableName();
        Integer segment = request.integer("Segment", 0, 999_999);
        Integer total = request.integer("TotalSegments", 1, 1_000_000);
        if (segment != null && total == null) {
            throw ApiException.validation(
                    "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (total != null && segment == null) {
            throw ApiException.validation(
                    "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (segment != null && segment >= total) {
            throw ApiException.validation(
                    "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                            + segment + " is not less than TotalSegments: " + total);
        }
        Expressions expressions = new Expressions(request);
        return database.read(() -> {
            ReadTarget target = target(request, database.requireItemTable(tableName));
            ReadPage page = new ReadPage(request, expressions, target);
            Iterator<Map<String, AttributeValue>> items = target.items().scan(page.start);
            return page.run(
                    items,
                    item -> segment == null
                            || Math.floorMod(target.items().hashOf(item).hashCode(), total) == segment);
        });
    }

    private ReadTarget target(Request request, TableData table) {
        String indexName = request.string("IndexName");
        if (indexName == null) {
            return new ReadTarget(table.definition(), null, table.primary());
        }
        IndexDefinition index = table.definition()
                .index(indexName)
                .orElseThrow(
                        () -> ApiException.validation("The table does not have the specified index: " + indexName));
        if (index.global() && request.bool("ConsistentRead", false)) {
            throw ApiException.validation("Consistent reads are not supported on global secondary indexes");
        }
        return new ReadTarget(table.definition(), index, table.index(indexName));
    }
}
