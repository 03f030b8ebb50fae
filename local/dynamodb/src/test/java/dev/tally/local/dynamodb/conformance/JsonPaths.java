package dev.tally.local.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Slash-separated paths into a result ({@code /Items}, {@code /Responses/*}, {@code /CancellationReasons/0/Item});
 * {@code *} matches every member. A path not starting with {@code /response} or {@code /error} applies to both.
 */
final class JsonPaths {

    private JsonPaths() {}

    /** Calls {@code action} with (parent, last segment) for every place the path reaches in {@code root}. */
    static void forEachParent(JsonNode root, String path, BiConsumer<JsonNode, String> action) {
        for (String rooted : rooted(path)) {
            String[] segments = rooted.substring(1).split("/");
            walk(root, segments, 0, action);
        }
    }

    /** Every node the path reaches. */
    static List<JsonNode> select(JsonNode root, String path) {
        List<JsonNode> found = new ArrayList<>();
        forEachParent(root, path, (parent, last) -> {
            if (last.equals("*")) {
                parent.forEach(found::add);
            } else {
                JsonNode child = child(parent, last);
                if (child != null && !child.isMissingNode()) {
                    found.add(child);
                }
            }
        });
        return found;
    }

    /** Removes what the path reaches. */
    static void remove(JsonNode root, String path) {
        forEachParent(root, path, (parent, last) -> {
            if (parent instanceof ObjectNode object) {
                if (last.equals("*")) {
                    object.removeAll();
                } else {
                    object.remove(last);
                }
            } else if (parent instanceof ArrayNode array && !last.equals("*") && isIndex(last)) {
                int index = Integer.parseInt(last);
                if (index < array.size()) {
                    array.remove(index);
                }
            } else if (parent instanceof ArrayNode array) {
                array.removeAll();
            }
        });
    }

    private static List<String> rooted(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/': " + path);
        }
        if (path.startsWith("/response") || path.startsWith("/error")) {
            return List.of(path);
        }
        return List.of("/response" + path, "/error" + path);
    }

    private static void walk(JsonNode node, String[] segments, int index, BiConsumer<JsonNode, String> action) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (index == segments.length - 1) {
            action.accept(node, segments[index]);
            return;
        }
        String segment = segments[index];
        if (segment.equals("*")) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                node.properties().iterator();
                        it.hasNext(); ) {
                    walk(it.next().getValue(), segments, index + 1, action);
                }
            } else {
                node.forEach(element -> walk(element, segments, index + 1, action));
            }
        } else {
            walk(child(node, segment), segments, index + 1, action);
        }
    }

    private static JsonNode child(JsonNode node, String segment) {
        if (node.isArray()) {
            return isIndex(segment) ? node.get(Integer.parseInt(segment)) : null;
        }
        return node.get(segment);
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
    }
}
