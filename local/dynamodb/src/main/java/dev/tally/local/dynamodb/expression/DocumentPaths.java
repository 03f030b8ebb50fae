package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValue.ListValue;
import dev.tally.local.dynamodb.model.AttributeValue.MapValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes values at document paths. Writes copy the containers along the path, so
 * values already handed out are never changed.
 */
public final class DocumentPaths {

    private DocumentPaths() {}

    /** The value at the path, or null if any step is missing or of the wrong kind. */
    public static AttributeValue get(Map<String, AttributeValue> item, DocumentPath path) {
        AttributeValue current = item.get(path.attribute());
        for (int i = 1; i < path.elements().size() && current != null; i++) {
            DocumentPath.Element element = path.elements().get(i);
            if (element instanceof DocumentPath.Field field) {
                current = current instanceof MapValue map ? map.value().get(field.name()) : null;
            } else {
                int index = ((DocumentPath.Index) element).position();
                current = current instanceof ListValue list
                                && index < list.value().size()
                        ? list.value().get(index)
                        : null;
            }
        }
        return current;
    }

    /** A copy of the item with the value set; a list index past the end appends. */
    public static Map<String, AttributeValue> set(
            Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        if (path.isTopLevel()) {
            copy.put(path.attribute(), value);
            return copy;
        }
        AttributeValue top = item.get(path.attribute());
        if (top == null) {
            throw invalidPath();
        }
        copy.put(path.attribute(), setIn(top, path.elements(), 1, value));
        return copy;
    }

    private static AttributeValue setIn(
            AttributeValue container, List<DocumentPath.Element> elements, int depth, AttributeValue value) {
        DocumentPath.Element element = elements.get(depth);
        boolean last = depth == elements.size() - 1;
        if (element instanceof DocumentPath.Field field) {
            if (!(container instanceof MapValue map)) {
                throw invalidPath();
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(map.value());
            if (last) {
                copy.put(field.name(), value);
            } else {
                AttributeValue child = map.value().get(field.name());
                if (child == null) {
                    throw invalidPath();
                }
                copy.put(field.name(), setIn(child, elements, depth + 1, value));
            }
            return new MapValue(copy);
        }
        int index = ((DocumentPath.Index) element).position();
        if (!(container instanceof ListValue list)) {
            throw invalidPath();
        }
        List<AttributeValue> copy = new ArrayList<>(list.value());
        if (last) {
            if (index < copy.size()) {
                copy.set(index, value);
            } else {
                copy.add(value);
            }
        } else {
            if (index >= copy.size()) {
                throw invalidPath();
            }
            copy.set(index, setIn(copy.get(index), elements, depth + 1, value));
        }
        return new ListValue(copy);
    }

    /** A copy of the item without the value at the path (unchanged if it is absent). */
    public static Map<String, AttributeValue> remove(Map<String, AttributeValue> item, DocumentPath path) {
        if (path.isTopLevel()) {
            if (!item.containsKey(path.attribute())) {
                return item;
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
            copy.remove(path.attribute());
            return copy;
        }
        AttributeValue top = item.get(path.attribute());
        if (top == null) {
            return item;
        }
        AttributeValue changed = removeIn(top, path.elements(), 1);
        if (changed == top) {
            return item;
        }
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put(path.attribute(), changed);
        return copy;
    }

    private static AttributeValue removeIn(AttributeValue container, List<DocumentPath.Element> elements, int depth) {
        DocumentPath.Element element = elements.get(depth);
        boolean last = depth == elements.size() - 1;
        if (element instanceof DocumentPath.Field field) {
            if (!(container instanceof MapValue map)) {
                throw invalidPath();
            }
            AttributeValue child = map.value().get(field.name());
            if (child == null) {
                return container;
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(map.value());
            if (last) {
                copy.remove(field.name());
            } else {
                AttributeValue changed = removeIn(child, elements, depth + 1);
                if (changed == child) {
                    return container;
                }
                copy.put(field.name(), changed);
            }
            return new MapValue(copy);
        }
        int index = ((DocumentPath.Index) element).position();
        if (!(container instanceof ListValue list)) {
            throw invalidPath();
        }
        if (index >= list.value().size()) {
            return container;
        }
        List<AttributeValue> copy = new ArrayList<>(list.value());
        if (last) {
            copy.remove(index);
        } else {
            AttributeValue child = copy.get(index);
            AttributeValue changed = removeIn(child, elements, depth + 1);
            if (changed == child) {
                return container;
            }
            copy.set(index, changed);
        }
        return new ListValue(copy);
    }

    static ApiException invalidPath() {
        return ApiException.validation("The document path provided in the update expression is invalid for update");
    }
}
