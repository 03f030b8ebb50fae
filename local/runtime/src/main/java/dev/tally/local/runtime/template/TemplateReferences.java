package dev.tally.local.runtime.template;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds what a template value refers to, without resolving it (for ordering resource creation). */
public final class TemplateReferences {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}.]*)");

    private TemplateReferences() {}

    /**
     * The names a value refers to through {@code Ref}, {@code GetAtt} and {@code ${…}}: logical ids
     * and parameter names (pseudo parameters and {@code Fn::Sub} variables excluded). For ordering
     * resource creation: keep the names that are resources.
     */
    public static Set<String> names(TemplateValue value) {
        Set<String> ids = new HashSet<>();
        collectReferences(value, ids);
        return ids;
    }

    private static void collectReferences(TemplateValue value, Set<String> ids) {
        if (value instanceof TemplateMap map) {
            map.entries().values().forEach(item -> collectReferences(item, ids));
        } else if (value instanceof TemplateList list) {
            list.items().forEach(item -> collectReferences(item, ids));
        } else if (value instanceof Intrinsic intrinsic) {
            intrinsic.referencedLogicalId().ifPresent(ids::add);
            if (intrinsic.function() == IntrinsicFunction.SUB) {
                TemplateValue text = intrinsic.argument();
                Set<String> variables = Set.of();
                if (text instanceof TemplateList list && list.size() == 2) {
                    text = list.get(0);
                    if (list.get(1) instanceof TemplateMap map) {
                        variables = map.keys();
                    }
                }
                if (text instanceof TemplateScalar scalar) {
                    Matcher matcher = SUB_VARIABLE.matcher(scalar.text());
                    while (matcher.find()) {
                        String name = matcher.group(1).trim();
                        if (!name.startsWith("AWS::") && !variables.contains(name)) {
                            ids.add(name);
                        }
                    }
                }
            }
            collectReferences(intrinsic.argument(), ids);
        }
    }
}
