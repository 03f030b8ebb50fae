package dev.tally.local.dynamodb.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything DescribeTable reports about a table except its data: key schema, attribute
 * definitions, indexes, billing, stream and time-to-live settings.
 *
 * @param name table name
 * @param tableId a UUID
 * @param attributeTypes attribute definitions (name → S, N or B), in request order
 * @param hashKey partition key attribute
 * @param rangeKey sort key attribute, or null
 * @param indexes local and global secondary indexes
 * @param billingMode PROVISIONED or PAY_PER_REQUEST
 * @param readCapacity provisioned reads
 * @param writeCapacity provisioned writes
 * @param createdMillis creation time
 * @param streamViewType the current stream's view type, or null when the stream is off
 * @param latestStreamLabel the label of the latest stream, or null if never enabled
 * @param ttlAttribute the time-to-live attribute, or null when TTL is off
 */
public record TableDefinition(
        String name,
        String tableId,
        Map<String, String> attributeTypes,
        String hashKey,
        String rangeKey,
        List<IndexDefinition> indexes,
        String billingMode,
        long readCapacity,
        long writeCapacity,
        long createdMillis,
        String streamViewType,
        String latestStreamLabel,
        String ttlAttribute) {

    /** Copies the collections. */
    public TableDefinition {
        attributeTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeTypes));
        indexes = List.copyOf(indexes);
    }

    /** The key attribute names of the table (hash, then range if any). */
    public List<String> keyNames() {
        List<String> names = new ArrayList<>(2);
        names.add(hashKey);
        if (rangeKey != null) {
            names.add(rangeKey);
        }
        return names;
    }

    /** The index with this name. */
    public Optional<IndexDefinition> index(String indexName) {
        return indexes.stream().filter(index -> index.name().equals(indexName)).findFirst();
    }

    /** The table ARN in the given region. */
    public String arn(String region) {
        return "arn:aws:dynamodb:" + region + ":000000000000:table/" + name;
    }

    /** The stream ARN for a label. */
    public String streamArn(String region, String label) {
        return arn(region) + "/stream/" + label;
    }

    /** A copy with other stream settings. */
    public TableDefinition withStream(String viewType, String label) {
        return new TableDefinition(
                name,
                tableId,
                attributeTypes,
                hashKey,
                rangeKey,
                indexes,
                billingMode,
                readCapacity,
                writeCapacity,
                createdMillis,
                viewType,
                label,
                ttlAttribute);
    }

    /** A copy with another TTL attribute (null = disabled). */
    public TableDefinition withTtl(String attribute) {
        return new TableDefinition(
                name,
                tableId,
                attributeTypes,
                hashKey,
                rangeKey,
                indexes,
                billingMode,
                readCapacity,
                writeCapacity,
                createdMillis,
                streamViewType,
                latestStreamLabel,
                attribute);
    }

    /** A copy with other attribute definitions and secondary indexes. */
    public TableDefinition withIndexes(Map<String, String> types, List<IndexDefinition> changedIndexes) {
        return new TableDefinition(
                name,
                tableId,
                types,
                hashKey,
                rangeKey,
                changedIndexes,
                billingMode,
                readCapacity,
                writeCapacity,
                createdMillis,
                streamViewType,
                latestStreamLabel,
                ttlAttribute);
    }

    /** A copy with other billing settings. */
    public TableDefinition withBilling(String mode, long reads, long writes) {
        return new TableDefinition(
                name,
                tableId,
                attributeTypes,
                hashKey,
                rangeKey,
                indexes,
                mode,
                reads,
                writes,
                createdMillis,
                streamViewType,
                latestStreamLabel,
                ttlAttribute);
    }
}
