package dev.tally.local.runtime.template;

/**
 * A key attribute of a table or index.
 *
 * @param name the attribute name
 * @param type its scalar type: {@code S}, {@code N} or {@code B}
 */
public record KeyAttribute(String name, String type) {}
