package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values out of a template map, naming the path of anything missing, mistyped or
 * unknown. Values the typed views need as literals (a handler name, a batch size) must not be
 * intrinsics: those are reported as {@link UnsupportedConstructException}.
 */
final class Properties {

    private final TemplateMap map;
    private final String path;

    Properties(TemplateMap map, String path) {
        this.map = map;
        this.path = path;
    }

    /** Reads {@code value} at {@code path} as a map of properties. */
    static Properties of(TemplateValue value, String path) {
        if (value instanceof TemplateMap map) {
            return new Properties(map, path);
        }
        if (value == TemplateNull.INSTANCE) {
            return new Properties(TemplateMap.EMPTY, path);
        }
        throw new TemplateSyntaxException(path, "expected a map, found " + value.describe());
    }

    TemplateMap map() {
        return map;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return TemplateReader.join(path, key);
    }

    /** Fails when a key is not one of {@code allowed}. */
    Properties allowOnly(Set<String> allowed, String owner) {
        for (String key : map.keys()) {
            if (!allowed.contains(key)) {
                throw new UnsupportedConstructException(
                        pathOf(key),
                        "'" + key + "' is not a property of " + owner + "; known properties: "
                                + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    Optional<TemplateValue> value(String key) {
        return map.get(key);
    }

    TemplateValue requiredValue(String key) {
        return map.get(key).orElseThrow(() -> new TemplateSyntaxException(pathOf(key), "required property is missing"));
    }

    String requiredString(String key) {
        return literalText(requiredValue(key), pathOf(key));
    }

    Optional<String> optionalString(String key) {
        return map.get(key).map(value -> literalText(value, pathOf(key)));
    }

    int integer(String key, int defaultValue) {
        return map.get(key).map(value -> toInt(value, pathOf(key))).orElse(defaultValue);
    }

    Optional<Integer> optionalInteger(String key) {
        return map.get(key).map(value -> toInt(value, pathOf(key)));
    }

    boolean bool(String key, boolean defaultValue) {
        return map.get(key).map(value -> toBoolean(value, pathOf(key))).orElse(defaultValue);
    }

    Properties nested(String key) {
        return of(map.get(key).orElse(TemplateMap.EMPTY), pathOf(key));
    }

    Optional<Properties> optionalNested(String key) {
        return map.get(key).map(value -> of(value, pathOf(key)));
    }

    List<TemplateValue> list(String key) {
        Optional<TemplateValue> value = map.get(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof TemplateList list) {
            return list.items();
        }
        throw literalOrShape(value.get(), pathOf(key), "a list");
    }

    List<String> stringList(String key) {
        List<TemplateValue> items = list(key);
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            strings.add(literalText(items.get(i), pathOf(key) + "[" + i + "]"));
        }
        return List.copyOf(strings);
    }

    Map<String, TemplateValue> entries(String key) {
        return new LinkedHashMap<>(nested(key).map.entries());
    }

    static String literalText(TemplateValue value, String path) {
        if (value instanceof TemplateScalar scalar) {
            return scalar.text();
        }
        throw literalOrShape(value, path, "a literal string");
    }

    static int toInt(TemplateValue value, String path) {
        if (value instanceof TemplateScalar scalar) {
            if (scalar.value() instanceof Long number && number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                return number.intValue();
            }
            if (scalar.value() instanceof String text) {
                try {
                    return Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    throw new TemplateSyntaxException(path, "expected an integer, found '" + text + "'");
                }
            }
        }
        throw literalOrShape(value, path, "an integer");
    }

    static boolean toBoolean(TemplateValue value, String path) {
        if (value instanceof TemplateScalar scalar) {
            if (scalar.value() instanceof Boolean bool) {
                return bool;
            }
            if ("true".equalsIgnoreCase(scalar.text()) || "false".equalsIgnoreCase(scalar.text())) {
                return Boolean.parseBoolean(scalar.text());
            }
            throw new TemplateSyntaxException(path, "expected true or false, found '" + scalar.text() + "'");
        }
        throw literalOrShape(value, path, "a boolean");
    }

    private static TemplateException literalOrShape(TemplateValue value, String path, String expected) {
        if (value instanceof Intrinsic intrinsic) {
            return new UnsupportedConstructException(
                    path,
                    "expected " + expected + " written literally, found " + intrinsic.describe()
                            + " (this value is read before intrinsics can be resolved)");
        }
        return new TemplateSyntaxException(path, "expected " + expected + ", found " + value.describe());
    }
}
