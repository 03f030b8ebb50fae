package dev.tally.local.runtime.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML mapping with string keys, in document order.
 *
 * @param entries the entries (copied, order kept)
 */
public record TemplateMap(Map<String, TemplateValue> entries) implements TemplateValue {

    /** An empty map. */
    public static final TemplateMap EMPTY = new TemplateMap(Map.of());

    /** Copies the entries, keeping their order. */
    public TemplateMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The value under {@code key}, if present. */
    public Optional<TemplateValue> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Whether {@code key} is present. */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The keys in document order. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** A copy with {@code key} set to {@code value} (added at the end when new). */
    public TemplateMap with(String key, TemplateValue value) {
        Map<String, TemplateValue> copy = new LinkedHashMap<>(entries);
        copy.put(key, value);
        return new TemplateMap(copy);
    }

    /** A copy without {@code key}. */
    public TemplateMap without(String key) {
        Map<String, TemplateValue> copy = new LinkedHashMap<>(entries);
        copy.remove(key);
        return new TemplateMap(copy);
    }

    @Override
    public String describe() {
        return "a map";
    }
}
