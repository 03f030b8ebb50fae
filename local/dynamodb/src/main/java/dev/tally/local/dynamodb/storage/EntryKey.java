package dev.tally.local.dynamodb.storage;

import dev.tally.local.dynamodb.model.KeyValue;
import java.util.Comparator;

/**
 * The position of an item inside one partition of a table or index: the collection's sort key,
 * then (for an index, whose sort keys need not be unique) the base table's key.
 *
 * @param range the sort key of the table or index ({@link KeyValue#NONE} if it has none)
 * @param tableHash the base table's partition key (NONE for the base table itself)
 * @param tableRange the base table's sort key (NONE for the base table itself)
 */
public record EntryKey(KeyValue range, KeyValue tableHash, KeyValue tableRange) implements Comparable<EntryKey> {

    private static final Comparator<EntryKey> ORDER = Comparator.comparing(EntryKey::range)
            .thenComparing(EntryKey::tableHash)
            .thenComparing(EntryKey::tableRange);

    @Override
    public int compareTo(EntryKey other) {
        return ORDER.compare(this, other);
    }
}
