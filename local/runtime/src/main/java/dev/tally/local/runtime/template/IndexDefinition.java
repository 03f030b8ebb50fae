package dev.tally.local.runtime.template;

import java.util.List;
import java.util.Optional;

/**
 * A global or local secondary index of a table.
 *
 * @param name             {@code IndexName}
 * @param partitionKey     the HASH key
 * @param sortKey          the RANGE key, when present
 * @param projectionType   {@code ALL}, {@code KEYS_ONLY} or {@code INCLUDE}
 * @param nonKeyAttributes the projected attributes for {@code INCLUDE}
 */
public record IndexDefinition(
        String name,
        KeyAttribute partitionKey,
        Optional<KeyAttribute> sortKey,
        String projectionType,
        List<String> nonKeyAttributes) {

    /** Copies the attribute list. */
    public IndexDefinition {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }
}
