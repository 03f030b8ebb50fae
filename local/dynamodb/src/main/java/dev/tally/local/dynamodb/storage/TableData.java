package dev.tally.local.dynamodb.storage;

import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.ItemSize;
import dev.tally.local.dynamodb.model.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** One table's definition, its items and its secondary indexes, kept in step. Not thread-safe. */
public final class TableData {

    private TableDefinition definition;
    private final ItemCollection primary;
    private final Map<String, ItemCollection> indexes = new LinkedHashMap<>();
    private long itemCount;
    private long sizeBytes;

    /** An empty table. */
    public TableData(TableDefinition definition) {
        this.definition = definition;
        Map<String, String> types = definition.attributeTypes();
        this.primary = new ItemCollection(
                definition.hashKey(),
                types.get(definition.hashKey()),
                definition.rangeKey(),
                definition.rangeKey() == null ? null : types.get(definition.rangeKey()),
                null,
                null);
        for (IndexDefinition index : definition.indexes()) {
            indexes.put(index.name(), newIndex(definition, index));
        }
    }

    /** The current definition. */
    public TableDefinition definition() {
        return definition;
    }

    /**
     * Replaces the definition (stream, TTL, billing, global secondary indexes; the table's key
     * schema never changes). A new index is filled from the table's items; a dropped one is gone.
     */
    public void definition(TableDefinition changed) {
        this.definition = changed;
        indexes.keySet().removeIf(name -> changed.index(name).isEmpty());
        for (IndexDefinition index : changed.indexes()) {
            if (!indexes.containsKey(index.name())) {
                ItemCollection items = newIndex(changed, index);
                for (java.util.Iterator<Map<String, AttributeValue>> it = primary.scan(null); it.hasNext(); ) {
                    items.put(it.next());
                }
                indexes.put(index.name(), items);
            }
        }
    }

    private static ItemCollection newIndex(TableDefinition table, IndexDefinition index) {
        Map<String, String> types = table.attributeTypes();
        return new ItemCollection(
                index.hashKey(),
                types.get(index.hashKey()),
                index.rangeKey(),
                index.rangeKey() == null ? null : types.get(index.rangeKey()),
                table.hashKey(),
                table.rangeKey());
    }

    /** The base table's items. */
    public ItemCollection primary() {
        return primary;
    }

    /** The named secondary index's items, or null. */
    public ItemCollection index(String name) {
        return indexes.get(name);
    }

    /** The item with this key, or null. */
    public Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        return primary.get(key);
    }

    /** Stores an item, keeping indexes in step; returns the item replaced. */
    public Map<String, AttributeValue> put(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> old = primary.put(item);
        if (old != null) {
            indexes.values().forEach(index -> index.remove(old));
            sizeBytes -= ItemSize.of(old);
        } else {
            itemCount++;
        }
        indexes.values().forEach(index -> index.put(item));
        sizeBytes += ItemSize.of(item);
        return old;
    }

    /** Deletes the item with this key; returns it, or null. */
    public Map<String, AttributeValue> delete(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> old = primary.remove(key);
        if (old != null) {
            indexes.values().forEach(index -> index.remove(old));
            itemCount--;
            sizeBytes -= ItemSize.of(old);
        }
        return old;
    }

    /** Number of items. */
    public long itemCount() {
        return itemCount;
    }

    /** Total item bytes. */
    public long sizeBytes() {
        return sizeBytes;
    }
}
