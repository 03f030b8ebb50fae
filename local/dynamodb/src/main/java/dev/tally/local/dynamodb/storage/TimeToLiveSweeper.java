package dev.tally.local.dynamodb.storage;

import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.streams.StreamRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Deletes items whose time-to-live attribute (a Number of epoch seconds) has passed, writing
 * stream REMOVE records marked as made by the service, and trims stream data past retention.
 * Like AWS, items whose expiry lies more than five years in the past are left alone.
 */
public final class TimeToLiveSweeper {

    private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 60 * 60;

    private TimeToLiveSweeper() {}

    /** One sweep; returns the number of items deleted. */
    public static int sweep(Database database) {
        long nowMillis = database.clock().millis();
        long nowSeconds = nowMillis / 1000;
        List<Map.Entry<String, Map<String, AttributeValue>>> expired = database.read(() -> {
            List<Map.Entry<String, Map<String, AttributeValue>>> found = new ArrayList<>();
            for (TableData table : database.tables().values()) {
                String attribute = table.definition().ttlAttribute();
                if (attribute == null) {
                    continue;
                }
                for (Iterator<Map<String, AttributeValue>> it = table.primary().scan(null); it.hasNext(); ) {
                    Map<String, AttributeValue> item = it.next();
                    if (isExpired(item.get(attribute), nowSeconds)) {
                        found.add(Map.entry(table.definition().name(), item));
                    }
                }
            }
            return found;
        });
        int deleted = 0;
        if (!expired.isEmpty()) {
            deleted = database.write(batch -> {
                int count = 0;
                for (Map.Entry<String, Map<String, AttributeValue>> entry : expired) {
                    TableData table = database.table(entry.getKey());
                    if (table == null || table.definition().ttlAttribute() == null) {
                        continue;
                    }
                    Map<String, AttributeValue> current = table.get(entry.getValue());
                    if (current != null
                            && isExpired(current.get(table.definition().ttlAttribute()), nowSeconds)) {
                        batch.delete(table, current, true);
                        count++;
                    }
                }
                return count;
            });
        }
        boolean anythingToTrim = database.read(() -> database.streams().all().stream()
                .anyMatch(stream -> !stream.shard().records().isEmpty()
                                && stream.shard().records().get(0).createdMillis()
                                        < nowMillis - StreamRegistry.RETENTION_MILLIS
                        || !stream.shard().isOpen()
                                && stream.createdMillis() < nowMillis - StreamRegistry.RETENTION_MILLIS));
        if (anythingToTrim) {
            database.write(batch -> {
                batch.trimStreams(nowMillis);
                return null;
            });
        }
        return deleted;
    }

    static boolean isExpired(AttributeValue value, long nowSeconds) {
        if (!(value instanceof AttributeValue.Num number)) {
            return false;
        }
        BigDecimal expiry = number.value();
        return expiry.compareTo(BigDecimal.valueOf(nowSeconds)) <= 0
                && expiry.compareTo(BigDecimal.valueOf(nowSeconds - FIVE_YEARS_SECONDS)) >= 0;
    }
}
