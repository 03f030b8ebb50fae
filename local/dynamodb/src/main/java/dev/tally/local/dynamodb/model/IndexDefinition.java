package dev.tally.local.dynamodb.model;

import java.util.List;

/**
 * A local or global secondary index: its key, its projection and (for a GSI) its throughput.
 *
 * @param name the index name
 * @param global whether this is a global secondary index
 * @param hashKey the index partition key attribute
 * @param rangeKey the index sort key attribute, or null
 * @param projectionType ALL, KEYS_ONLY or INCLUDE
 * @param nonKeyAttributes the attributes projected by INCLUDE
 * @param readCapacity provisioned reads (0 when on demand)
 * @param writeCapacity provisioned writes (0 when on demand)
 */
public record IndexDefinition(
        String name,
        boolean global,
        String hashKey,
        String rangeKey,
        String projectionType,
        List<String> nonKeyAttributes,
        long readCapacity,
        long writeCapacity) {

    /** Copies the attribute list. */
    public IndexDefinition {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }
}
