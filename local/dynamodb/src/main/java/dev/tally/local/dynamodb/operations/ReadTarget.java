package dev.tally.local.dynamodb.operations;

import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.TableDefinition;
import dev.tally.local.dynamodb.storage.ItemCollection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Query or Scan reads: the table or one of its indexes.
 *
 * @param table the table
 * @param index the index, or null for the table
 * @param items the items of the table or index
 */
record ReadTarget(TableDefinition table, IndexDefinition index, ItemCollection items) {

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
