package dev.tally.local.runtime.template;

import java.util.List;

/**
 * A YAML sequence.
 *
 * @param items the items in order (copied)
 */
public record TemplateList(List<TemplateValue> items) implements TemplateValue {

    /** Copies the items. */
    public TemplateList {
        items = List.copyOf(items);
    }

    /** The number of items. */
    public int size() {
        return items.size();
    }

    /** The item at {@code index}. */
    public TemplateValue get(int index) {
        return items.get(index);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
