package dev.tally.local.runtime.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What intrinsics resolve against, supplied by whoever deploys the template (the local runtime):
 * parameter values (overriding the template's defaults), pseudo parameters, each resource's
 * {@code Ref} value and its {@code GetAtt} attributes (local ARNs, queue URLs, table names).
 *
 * @param parameterValues  parameter name → value; parameters absent here use their {@code Default}
 * @param pseudoParameters e.g. {@code AWS::Region} → {@code us-east-1}; {@code AWS::NoValue} is built in
 * @param resourceRefs     logical id → what {@code !Ref} of that resource returns
 * @param resourceAttributes logical id → attribute name → value, for {@code !GetAtt}
 */
public record ResolutionContext(
        Map<String, String> parameterValues,
        Map<String, String> pseudoParameters,
        Map<String, String> resourceRefs,
        Map<String, Map<String, String>> resourceAttributes) {

    /** Copies the maps. */
    public ResolutionContext {
        parameterValues = Map.copyOf(parameterValues);
        pseudoParameters = Map.copyOf(pseudoParameters);
        resourceRefs = Map.copyOf(resourceRefs);
        Map<String, Map<String, String>> attributes = new HashMap<>();
        resourceAttributes.forEach((id, values) -> attributes.put(id, Map.copyOf(values)));
        resourceAttributes = Map.copyOf(attributes);
    }

    /** An empty context: only parameter defaults resolve. */
    public static ResolutionContext empty() {
        return new ResolutionContext(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** A copy with one more resource: its {@code Ref} value and attributes. */
    public ResolutionContext withResource(String logicalId, String ref, Map<String, String> attributes) {
        Map<String, String> refs = new HashMap<>(resourceRefs);
        refs.put(logicalId, ref);
        Map<String, Map<String, String>> allAttributes = new HashMap<>(resourceAttributes);
        allAttributes.put(logicalId, attributes);
        return new ResolutionContext(parameterValues, pseudoParameters, refs, allAttributes);
    }

    Optional<String> attribute(String logicalId, String attribute) {
        return Optional.ofNullable(
                resourceAttributes.getOrDefault(logicalId, Map.of()).get(attribute));
    }
}
