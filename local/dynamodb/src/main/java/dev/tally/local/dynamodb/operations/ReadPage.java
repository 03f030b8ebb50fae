package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.expression.Condition;
import dev.tally.local.dynamodb.expression.DocumentPath;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import dev.tally.local.dynamodb.model.ItemSize;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One page of a Query or Scan: Limit counts items evaluated before the filter, the page stops at
 * Limit or 1 MB, and LastEvaluatedKey then names the last item evaluated.
 */
final class ReadPage {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long PAGE_BYTES = 1024 * 1024;

    private final ReadTarget target;
    final Condition filter;
    private final List<DocumentPath> projection;
    private final String select;
    private final Integer limit;
    final Map<String, AttributeValue> start;

    ReadPage(Request request, Expressions expressions, ReadTarget target) {
        this.target = target;
        this.filter = expressions.condition("FilterExpression");
        this.projection = expressions.projection();
        expressions.finish();
        this.limit = request.integer("Limit", 1, Integer.MAX_VALUE);
        request.requireNone("ReturnConsumedCapacity");
        String defaultSelect = projection != null
                ? "SPECIFIC_ATTRIBUTES"
                : target.index() != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
        this.select = request.enumValue(
                "Select",
                defaultSelect,
                Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"));
        if (projection != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
            throw ApiException.validation("Cannot specify the ProjectionExpression when choosing to get " + select);
        }
        if (select.equals("SPECIFIC_ATTRIBUTES") && projection == null) {
            throw ApiException.validation("SPECIFIC_ATTRIBUTES requires a ProjectionExpression");
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && target.index() == null) {
            throw ApiException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if (select.equals("ALL_ATTRIBUTES")
                && target.index() != null
                && target.index().global()
                && !target.index().projectionType().equals("ALL")) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index "
                            + target.index().name() + " because its projection type is not ALL");
        }
        this.start = startKey(request.get("ExclusiveStartKey"));
    }

    private Map<String, AttributeValue> startKey(JsonNode node) {
        if (node == null) {
            return null;
        }
        Map<String, AttributeValue> key = AttributeValueJson.readItem(node, "ExclusiveStartKey");
        Map<String, AttributeValue> expected = new LinkedHashMap<>();
        for (String name : target.table().keyNames()) {
            expected.put(name, key.get(name));
        }
        if (target.index() != null) {
            expected.put(target.index().hashKey(), key.get(target.index().hashKey()));
            if (target.index().rangeKey() != null) {
                expected.put(target.index().rangeKey(), key.get(target.index().rangeKey()));
            }
        }
        if (expected.size() != key.size()
                || expected.values().stream().anyMatch(v -> v == null)
                || expected.entrySet().stream()
                        .anyMatch(e -> !e.getValue().type().equals(target.type(e.getKey())))) {
            throw ApiException.validation(
                    "The provided starting key is invalid: The provided key element does not match the schema");
        }
        return key;
    }

    ObjectNode run(Iterator<Map<String, AttributeValue>> items, Predicate<Map<String, AttributeValue>> keyMatch) {
        ObjectNode response = NODES.objectNode();
        ArrayNode out = NODES.arrayNode();
        int scanned = 0;
        int count = 0;
        long bytes = 0;
        Map<String, AttributeValue> last = null;
        while (items.hasNext()) {
            Map<String, AttributeValue> item = items.next();
            if (!keyMatch.test(item)) {
                continue;
            }
            scanned++;
            bytes += ItemSize.of(item);
            last = item;
            // A GSI holds only what it projects; an LSI fetches the rest from the table.
            Map<String, AttributeValue> readable =
                    target.index() != null && target.index().global() ? target.projected(item) : item;
            if (Expressions.matches(filter, readable)) {
                count++;
                if (!select.equals("COUNT")) {
                    Map<String, AttributeValue> visible = switch (select) {
                        case "ALL_ATTRIBUTES" -> item;
                        case "SPECIFIC_ATTRIBUTES" -> readable;
                        default -> target.projected(item);
                    };
                    out.add(AttributeValueJson.writeItem(Expressions.project(projection, visible)));
                }
            }
            if ((limit != null && scanned >= limit) || bytes >= PAGE_BYTES) {
                response.set("LastEvaluatedKey", AttributeValueJson.writeItem(target.lastKey(last)));
                break;
            }
        }
        if (!select.equals("COUNT")) {
            response.set("Items", out);
        }
        response.put("Count", count);
        response.put("ScannedCount", scanned);
        return response;
    }
}
