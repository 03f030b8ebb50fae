package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Makes deliberately broken copies of a template tree: set, remove or append at a dotted path. */
final class TemplateEdits {

    private TemplateEdits() {}

    /** A YAML snippet as a value, e.g. {@code value("!GetAtt Queue.Arn")}. */
    static TemplateValue value(String yaml) {
        return TemplateReader.parseTree("v: " + yaml).get("v").orElseThrow();
    }

    static SamTemplate set(SamTemplate template, String path, TemplateValue value) {
        return update(template, path, old -> value, true);
    }

    static SamTemplate remove(SamTemplate template, String path) {
        return update(template, path, old -> null, false);
    }

    static SamTemplate append(SamTemplate template, String listPath, TemplateValue item) {
        return update(
                template,
                listPath,
                old -> {
                    List<TemplateValue> items = new ArrayList<>(((TemplateList) old).items());
                    items.add(item);
                    return new TemplateList(items);
                },
                false);
    }

    private static SamTemplate update(
            SamTemplate template, String path, UnaryOperator<TemplateValue> change, boolean mayBeNew) {
        return new SamTemplate(update(template.document(), Arrays.asList(path.split("\\.")), path, change, mayBeNew));
    }

    private static TemplateMap update(
            TemplateMap map, List<String> keys, String path, UnaryOperator<TemplateValue> change, boolean mayBeNew) {
        String key = keys.get(0);
        if (keys.size() == 1) {
            if (!mayBeNew && !map.has(key)) {
                throw new IllegalArgumentException("nothing at " + path + " to edit");
            }
            TemplateValue updated = change.apply(map.get(key).orElse(null));
            return updated == null ? map.without(key) : map.with(key, updated);
        }
        TemplateValue child =
                map.get(key).orElseThrow(() -> new IllegalArgumentException("no " + key + " on the way to " + path));
        return map.with(key, update((TemplateMap) child, keys.subList(1, keys.size()), path, change, mayBeNew));
    }
}
