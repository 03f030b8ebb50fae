package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a {@code Globals} section into a resource's properties the way SAM does: maps are merged
 * key by key (recursively), lists are concatenated (global items first), and any other value —
 * scalars, intrinsics, or values of different kinds — is taken from the resource.
 */
public final class GlobalsMerger {

    private GlobalsMerger() {}

    /** The resource's effective properties: {@code globals} merged under {@code local}. */
    public static TemplateMap merge(TemplateMap globals, TemplateMap local) {
        return mergeMaps(globals, local);
    }

    private static TemplateValue mergeValues(TemplateValue global, TemplateValue local) {
        if (global instanceof TemplateMap globalMap && local instanceof TemplateMap localMap) {
            return mergeMaps(globalMap, localMap);
        }
        if (global instanceof TemplateList globalList && local instanceof TemplateList localList) {
            List<TemplateValue> items = new ArrayList<>(globalList.items());
            items.addAll(localList.items());
            return new TemplateList(items);
        }
        return local;
    }

    private static TemplateMap mergeMaps(TemplateMap global, TemplateMap local) {
        Map<String, TemplateValue> merged = new LinkedHashMap<>(global.entries());
        for (Map.Entry<String, TemplateValue> entry : local.entries().entrySet()) {
            TemplateValue globalValue = merged.get(entry.getKey());
            merged.put(
                    entry.getKey(),
                    globalValue == null ? entry.getValue() : mergeValues(globalValue, entry.getValue()));
        }
        return new TemplateMap(merged);
    }
}
