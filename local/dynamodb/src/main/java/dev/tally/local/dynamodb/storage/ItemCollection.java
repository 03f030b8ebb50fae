package dev.tally.local.dynamodb.storage;

import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Items organised by partition key, each partition sorted by {@link EntryKey}: the base table or
 * one secondary index (which holds only the items that carry its key attributes, typed right).
 */
public final class ItemCollection {

    private final String hashKey;
    private final String hashType;
    private final String rangeKey;
    private final String rangeType;
    private final String tableHash;
    private final String tableRange;
    private final NavigableMap<KeyValue, NavigableMap<EntryKey, Map<String, AttributeValue>>> partitions =
            new TreeMap<>();

    /**
     * A collection keyed by {@code hashKey}/{@code rangeKey}; {@code tableHash}/{@code tableRange}
     * are the base table's keys for an index, or null for the base table.
     */
    public ItemCollection(
            String hashKey, String hashType, String rangeKey, String rangeType, String tableHash, String tableRange) {
        this.hashKey = hashKey;
        this.hashType = hashType;
        this.rangeKey = rangeKey;
        this.rangeType = rangeType;
        this.tableHash = tableHash;
        this.tableRange = tableRange;
    }

    /** The partition key value of an item, or null if the item is not in this collection. */
    public KeyValue hashOf(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(hashKey);
        if (value == null || !value.type().equals(hashType)) {
            return null;
        }
        if (rangeKey != null) {
            AttributeValue range = item.get(rangeKey);
            if (range == null || !range.type().equals(rangeType)) {
                return null;
            }
        }
        return new KeyValue(value);
    }

    /** The entry key of an item that {@link #hashOf} accepts. */
    public EntryKey entryKeyOf(Map<String, AttributeValue> item) {
        KeyValue range = rangeKey == null ? KeyValue.NONE : new KeyValue(item.get(rangeKey));
        if (tableHash == null) {
            return new EntryKey(range, KeyValue.NONE, KeyValue.NONE);
        }
        return new EntryKey(
                range,
                new KeyValue(item.get(tableHash)),
                tableRange == null ? KeyValue.NONE : new KeyValue(item.get(tableRange)));
    }

    /** Adds or replaces an item; returns the item it replaced. */
    public Map<String, AttributeValue> put(Map<String, AttributeValue> item) {
        KeyValue hash = hashOf(item);
        if (hash == null) {
            return null;
        }
        return partitions.computeIfAbsent(hash, h -> new TreeMap<>()).put(entryKeyOf(item), item);
    }

    /** Removes an item (found by its keys); returns what was removed. */
    public Map<String, AttributeValue> remove(Map<String, AttributeValue> item) {
        KeyValue hash = hashOf(item);
        if (hash == null) {
            return null;
        }
        NavigableMap<EntryKey, Map<String, AttributeValue>> partition = partitions.get(hash);
        if (partition == null) {
            return null;
        }
        Map<String, AttributeValue> removed = partition.remove(entryKeyOf(item));
        if (partition.isEmpty()) {
            partitions.remove(hash);
        }
        return removed;
    }

    /** The item with these keys (a key-only map suffices), or null. */
    public Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        KeyValue hash = hashOf(key);
        NavigableMap<EntryKey, Map<String, AttributeValue>> partition = hash == null ? null : partitions.get(hash);
        return partition == null ? null : partition.get(entryKeyOf(key));
    }

    /** One partition in sort order (or reversed), starting after {@code startAfter} if given. */
    public Iterable<Map<String, AttributeValue>> partition(KeyValue hash, boolean forward, EntryKey startAfter) {
        NavigableMap<EntryKey, Map<String, AttributeValue>> partition = partitions.get(hash);
        if (partition == null) {
            return Collections.emptyList();
        }
        NavigableMap<EntryKey, Map<String, AttributeValue>> view = forward ? partition : partition.descendingMap();
        if (startAfter != null) {
            view = view.tailMap(startAfter, false);
        }
        return view.values();
    }

    /** All items, partition by partition, starting after the item keyed by {@code start} if given. */
    public Iterator<Map<String, AttributeValue>> scan(Map<String, AttributeValue> start) {
        NavigableMap<KeyValue, NavigableMap<EntryKey, Map<String, AttributeValue>>> view = partitions;
        List<Iterator<Map<String, AttributeValue>>> parts = new ArrayList<>();
        if (start != null) {
            KeyValue hash = hashOf(start);
            if (hash != null) {
                NavigableMap<EntryKey, Map<String, AttributeValue>> first = partitions.get(hash);
                if (first != null) {
                    parts.add(first.tailMap(entryKeyOf(start), false).values().iterator());
                }
                view = partitions.tailMap(hash, false);
            }
        }
        Iterator<NavigableMap<EntryKey, Map<String, AttributeValue>>> rest =
                view.values().iterator();
        Iterator<Iterator<Map<String, AttributeValue>>> head = parts.iterator();
        return new Iterator<>() {
            private Iterator<Map<String, AttributeValue>> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (head.hasNext()) {
                        current = head.next();
                    } else if (rest.hasNext()) {
                        current = rest.next().values().iterator();
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Map<String, AttributeValue> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The partition key attribute. */
    public String hashKey() {
        return hashKey;
    }

    /** The sort key attribute, or null. */
    public String rangeKey() {
        return rangeKey;
    }
}
