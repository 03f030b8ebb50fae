package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValue.ListValue;
import dev.tally.local.dynamodb.model.AttributeValue.MapValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the part of an item named by document paths (ProjectionExpression, and the UPDATED_*
 * return values). Elements picked from one list keep their relative order.
 */
public final class Projection {

    private Projection() {}

    /** The projected item; absent paths are skipped. */
    public static Map<String, AttributeValue> apply(List<DocumentPath> paths, Map<String, AttributeValue> item) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (DocumentPath path : paths) {
            AttributeValue value = DocumentPaths.get(item, path);
            if (value != null) {
                insert(root, path.elements(), value);
            }
        }
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        root.forEach((name, node) -> result.put(name, build(node)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> root, List<DocumentPath.Element> elements, AttributeValue value) {
        Object container = root;
        for (int i = 0; i < elements.size(); i++) {
            boolean last = i == elements.size() - 1;
            DocumentPath.Element element = elements.get(i);
            DocumentPath.Element following = last ? null : elements.get(i + 1);
            Object child = last
                    ? value
                    : (following instanceof DocumentPath.Index
                            ? new TreeMap<Integer, Object>()
                            : new LinkedHashMap<String, Object>());
            if (element instanceof DocumentPath.Field field) {
                Map<String, Object> map = (Map<String, Object>) container;
                container = last ? map.put(field.name(), child) : map.computeIfAbsent(field.name(), k -> child);
            } else {
                TreeMap<Integer, Object> list = (TreeMap<Integer, Object>) container;
                int position = ((DocumentPath.Index) element).position();
                container = last ? list.put(position, child) : list.computeIfAbsent(position, k -> child);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue build(Object node) {
        if (node instanceof AttributeValue value) {
            return value;
        }
        if (node instanceof TreeMap<?, ?> list) {
            List<AttributeValue> values = new ArrayList<>();
            ((TreeMap<Integer, Object>) list).values().forEach(child -> values.add(build(child)));
            return new ListValue(values);
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        ((Map<String, Object>) node).forEach((name, child) -> map.put(name, build(child)));
        return new MapValue(map);
    }
}
