package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.expression.Condition;
import dev.tally.local.dynamodb.expression.ConditionPaths;
import dev.tally.local.dynamodb.expression.DocumentPath;
import dev.tally.local.dynamodb.expression.KeyCondition;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.ItemSize;
import dev.tally.local.dynamodb.model.KeyValue;
import dev.tally.local.dynamodb.model.TableDefinition;
import dev.tally.local.dynamodb.storage.Database;
import dev.tally.local.dynamodb.storage.EntryKey;
import dev.tally.local.dynamodb.storage.ItemCollection;
import dev.tally.local.dynamodb.storage.TableData;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query and Scan: Limit counts items evaluated before the filter, a page stops at Limit or 1 MB,
 * and LastEvaluatedKey then names the last item evaluated.
 */
public final class ReadOperations {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long PAGE_BYTES = 1024 * 1024;
  private static final Set<String> COMMON = Set.of("TableName", "IndexName", "FilterExpression",
      "ProjectionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "Limit", "ExclusiveStartKey",
      "Select", "ConsistentRead", "ReturnConsumedCapacity");

  private final Database database;

  /** Operations on this database. */
  public ReadOperations(Database database) {
    this.database = database;
  }

  /** Query. */
  public ObjectNode query(JsonNode body) {
    Request request = Request.of(body, "Query", ItemOperations.with(COMMON, "KeyConditionExpression", "ScanIndexForward"));
    String tableName = request.tableName();
    if (!request.has("KeyConditionExpression")) {
      throw ApiException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    }
    Expressions expressions = new Expressions(request);
    boolean forward = request.bool("ScanIndexForward", true);
    return database.read(() -> {
      Target target = target(request, database.requireItemTable(tableName));
      expressions.used();
      KeyCondition key = KeyCondition.parse(request.string("KeyConditionExpression"), expressions.context(),
          target.items.hashKey(), target.type(target.items.hashKey()), target.items.rangeKey(),
          target.items.rangeKey() == null ? null : target.type(target.items.rangeKey()));
      Page page = new Page(request, expressions, target);
      if (page.filter != null) {
        for (String attribute : ConditionPaths.attributes(page.filter)) {
          if (attribute.equals(target.items.hashKey()) || attribute.equals(target.items.rangeKey())) {
            throw ApiException.validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                + attribute);
          }
        }
      }
      Map<String, AttributeValue> start = page.start;
      EntryKey after = null;
      if (start != null) {
        if (!key.hashValue().equals(start.get(target.items.hashKey()))) {
          throw ApiException.validation("The provided starting key is invalid: The provided starting key does not match the range key predicate");
        }
        after = target.items.entryKeyOf(start);
      }
      Iterator<Map<String, AttributeValue>> items =
          target.items.partition(new KeyValue(key.hashValue()), forward, after).iterator();
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
      throw ApiException.validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
    }
    if (total != null && segment == null) {
      throw ApiException.validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
    }
    if (segment != null && segment >= total) {
      throw ApiException.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
          + segment + " is not less than TotalSegments: " + total);
    }
    Expressions expressions = new Expressions(request);
    return database.read(() -> {
      Target target = target(request, database.requireItemTable(tableName));
      Page page = new Page(request, expressions, target);
      Iterator<Map<String, AttributeValue>> items = target.items.scan(page.start);
      return page.run(items, item -> segment == null
          || Math.floorMod(target.items.hashOf(item).hashCode(), total) == segment);
    });
  }

  private Target target(Request request, TableData table) {
    String indexName = request.string("IndexName");
    if (indexName == null) {
      return new Target(table.definition(), null, table.primary());
    }
    IndexDefinition index = table.definition().index(indexName).orElseThrow(() -> ApiException.validation(
        "The table does not have the specified index: " + indexName));
    if (index.global() && request.bool("ConsistentRead", false)) {
      throw ApiException.validation("Consistent reads are not supported on global secondary indexes");
    }
    return new Target(table.definition(), index, table.index(indexName));
  }

  /** What is read: the table or one of its indexes. */
  private record Target(TableDefinition table, IndexDefinition index, ItemCollection items) {

    String type(String attribute) {
      return table.attributeTypes().get(attribute);
    }

    /** The keys naming an item in LastEvaluatedKey: the table's, plus the index's. */
    Map<String, AttributeValue> lastKey(Map<String, AttributeValue> item) {
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      for (String name : table.keyNames()) {
        key.put(name, item.get(name));
      }
      if (index != null) {
        key.put(index.hashKey(), item.get(index.hashKey()));
        if (index.rangeKey() != null) {
          key.put(index.rangeKey(), item.get(index.rangeKey()));
        }
      }
      return key;
    }

    /** The attributes an index projects (null = all). */
    Map<String, AttributeValue> projected(Map<String, AttributeValue> item) {
      if (index == null || index.projectionType().equals("ALL")) {
        return item;
      }
      Map<String, AttributeValue> projected = lastKey(item);
      for (String attribute : index.nonKeyAttributes()) {
        AttributeValue value = item.get(attribute);
        if (value != null) {
          projected.put(attribute, value);
        }
      }
      return projected;
    }
  }

  /** One page of results: limit, size cap, filter, projection and Select. */
  private static final class Page {
    private final Target target;
    private final Condition filter;
    private final List<DocumentPath> projection;
    private final String select;
    private final Integer limit;
    private final Map<String, AttributeValue> start;

    Page(Request request, Expressions expressions, Target target) {
      this.target = target;
      this.filter = expressions.condition("FilterExpression");
      this.projection = expressions.projection();
      expressions.finish();
      this.limit = request.integer("Limit", 1, Integer.MAX_VALUE);
      request.requireNone("ReturnConsumedCapacity");
      String defaultSelect = projection != null ? "SPECIFIC_ATTRIBUTES"
          : target.index != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
      this.select = request.enumValue("Select", defaultSelect,
          Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"));
      if (projection != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
        throw ApiException.validation("Cannot specify the ProjectionExpression when choosing to get " + select);
      }
      if (select.equals("SPECIFIC_ATTRIBUTES") && projection == null) {
        throw ApiException.validation("SPECIFIC_ATTRIBUTES requires a ProjectionExpression");
      }
      if (select.equals("ALL_PROJECTED_ATTRIBUTES") && target.index == null) {
        throw ApiException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
      }
      if (select.equals("ALL_ATTRIBUTES") && target.index != null && target.index.global()
          && !target.index.projectionType().equals("ALL")) {
        throw ApiException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index "
            + target.index.name() + " because its projection type is not ALL");
      }
      this.start = startKey(request.get("ExclusiveStartKey"));
    }

    private Map<String, AttributeValue> startKey(JsonNode node) {
      if (node == null) {
        return null;
      }
      Map<String, AttributeValue> key = AttributeValueJson.readItem(node, "ExclusiveStartKey");
      Map<String, AttributeValue> expected = new LinkedHashMap<>();
      for (String name : target.table.keyNames()) {
        expected.put(name, key.get(name));
      }
      if (target.index != null) {
        expected.put(target.index.hashKey(), key.get(target.index.hashKey()));
        if (target.index.rangeKey() != null) {
          expected.put(target.index.rangeKey(), key.get(target.index.rangeKey()));
        }
      }
      if (expected.size() != key.size() || expected.values().stream().anyMatch(v -> v == null)
          || expected.entrySet().stream().anyMatch(e -> !e.getValue().type().equals(target.type(e.getKey())))) {
        throw ApiException.validation("The provided starting key is invalid: The provided key element does not match the schema");
      }
      return key;
    }

    ObjectNode run(Iterator<Map<String, AttributeValue>> items,
        java.util.function.Predicate<Map<String, AttributeValue>> keyMatch) {
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
        if (Expressions.matches(filter, item)) {
          count++;
          if (!select.equals("COUNT")) {
            Map<String, AttributeValue> visible = select.equals("ALL_ATTRIBUTES") ? item : target.projected(item);
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
}
