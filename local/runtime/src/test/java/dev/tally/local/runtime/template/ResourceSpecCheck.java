package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the template's non-SAM resources against AWS's CloudFormation resource specification
 * (the subset of npm {@code @aws-cdk/cfnspec} that {@code .ci/install-cfnspec.sh} extracts): the
 * type exists, no property is unknown, every required property is present, nested property types
 * recursively likewise, primitive values have the right kind, and every {@code !GetAtt} names an
 * attribute the resource type has. {@code AWS::Serverless::HttpApi} properties are checked against
 * SAM's list (functions are checked by {@link FunctionDefinition} itself).
 */
final class ResourceSpecCheck {

    static final String SPEC_RESOURCE = "template/cfnspec/cloudformation-spec-subset.json";

    private static final Set<String> HTTP_API_PROPERTIES = Set.of(
            "AccessLogSettings",
            "Auth",
            "CorsConfiguration",
            "DefaultRouteSettings",
            "DefinitionBody",
            "DefinitionUri",
            "Description",
            "DisableExecuteApiEndpoint",
            "Domain",
            "FailOnWarnings",
            "Name",
            "PropagateTags",
            "RouteSettings",
            "StageName",
            "StageVariables",
            "Tags");

    private final TemplateMap resourceTypes;
    private final TemplateMap propertyTypes;

    ResourceSpecCheck(TemplateMap specification) {
        this.resourceTypes = map(specification.get("ResourceTypes").orElseThrow());
        this.propertyTypes = map(specification.get("PropertyTypes").orElseThrow());
    }

    static ResourceSpecCheck load() {
        return new ResourceSpecCheck(
                TemplateReader.parseTree(TemplateFixtures.text(SPEC_RESOURCE.substring("template/".length()))));
    }

    /** The specification's resource type names. */
    Set<String> resourceTypeNames() {
        return resourceTypes.keys();
    }

    List<TemplateViolation> check(SamTemplate template) {
        List<TemplateViolation> violations = new ArrayList<>();
        for (Resource resource : template.resources().values()) {
            String path = resource.propertiesPath();
            if (resource.type().equals("AWS::Serverless::HttpApi")) {
                resource.properties().keys().stream()
                        .filter(key -> !HTTP_API_PROPERTIES.contains(key))
                        .forEach(key -> violations.add(
                                new TemplateViolation(path + "." + key, "not a property of AWS::Serverless::HttpApi")));
            } else if (!resource.type().startsWith("AWS::Serverless::")) {
                Optional<TemplateValue> definition = resourceTypes.get(resource.type());
                if (definition.isEmpty()) {
                    violations.add(
                            new TemplateViolation(
                                    "Resources." + resource.logicalId() + ".Type",
                                    resource.type()
                                            + " is not in the specification subset; add it to .ci/install-cfnspec.sh and run it"));
                    continue;
                }
                checkProperties(
                        resource.type(),
                        map(map(definition.get()).get("Properties").orElseThrow()),
                        resource.properties(),
                        path,
                        violations);
            }
        }
        checkAttributes(template, template.document(), "", violations);
        return violations;
    }

    private void checkProperties(
            String resourceType,
            TemplateMap specification,
            TemplateMap properties,
            String path,
            List<TemplateViolation> violations) {
        for (String name : properties.keys()) {
            if (!specification.has(name)) {
                violations.add(new TemplateViolation(
                        path + "." + name,
                        "unknown property of " + resourceType + " (the specification knows " + specification.keys()
                                + ")"));
            }
        }
        for (Map.Entry<String, TemplateValue> entry : specification.entries().entrySet()) {
            TemplateMap property = map(entry.getValue());
            Optional<TemplateValue> value = properties.get(entry.getKey());
            if (value.isEmpty()) {
                if (property.get("Required").equals(Optional.of(new TemplateScalar(true)))) {
                    violations.add(new TemplateViolation(
                            path + "." + entry.getKey(), "required by " + resourceType + " but missing"));
                }
                continue;
            }
            checkValue(resourceType, property, value.get(), path + "." + entry.getKey(), violations);
        }
    }

    private void checkValue(
            String resourceType,
            TemplateMap property,
            TemplateValue value,
            String path,
            List<TemplateViolation> violations) {
        if (value instanceof Intrinsic) {
            return;
        }
        Optional<String> primitive = text(property, "PrimitiveType");
        if (primitive.isPresent()) {
            checkPrimitive(primitive.get(), value, path, violations);
            return;
        }
        String type = text(property, "Type").orElse("");
        Optional<String> itemType = text(property, "ItemType");
        Optional<String> primitiveItem = text(property, "PrimitiveItemType");
        if (type.equals("List") || type.equals("Map")) {
            List<TemplateValue> items;
            if (type.equals("List") && value instanceof TemplateList list) {
                items = list.items();
            } else if (type.equals("Map") && value instanceof TemplateMap map) {
                items = List.copyOf(map.entries().values());
            } else {
                violations.add(new TemplateViolation(
                        path, "expected a " + type.toLowerCase(java.util.Locale.ROOT) + ", found " + value.describe()));
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                String itemPath = path + "[" + i + "]";
                if (primitiveItem.isPresent()) {
                    if (!(items.get(i) instanceof Intrinsic)) {
                        checkPrimitive(primitiveItem.get(), items.get(i), itemPath, violations);
                    }
                } else if (itemType.isPresent()) {
                    checkNested(resourceType, itemType.get(), items.get(i), itemPath, violations);
                }
            }
            return;
        }
        checkNested(resourceType, type, value, path, violations);
    }

    private void checkNested(
            String resourceType, String type, TemplateValue value, String path, List<TemplateViolation> violations) {
        if (value instanceof Intrinsic) {
            return;
        }
        Optional<TemplateValue> nested = propertyTypes.get(resourceType + "." + type);
        if (nested.isEmpty()) {
            violations.add(new TemplateViolation(
                    path, "property type " + resourceType + "." + type + " is not in the specification subset"));
            return;
        }
        if (!(value instanceof TemplateMap map)) {
            violations.add(new TemplateViolation(path, "expected a map (" + type + "), found " + value.describe()));
            return;
        }
        checkProperties(
                resourceType + "." + type,
                map(map(nested.get()).get("Properties").orElseThrow()),
                map,
                path,
                violations);
    }

    private static void checkPrimitive(
            String primitive, TemplateValue value, String path, List<TemplateViolation> violations) {
        if (value instanceof Intrinsic) {
            return;
        }
        boolean ok = switch (primitive) {
            case "String" -> value instanceof TemplateScalar;
            case "Integer", "Long" ->
                value instanceof TemplateScalar scalar && scalar.text().matches("-?\\d+");
            case "Double" ->
                value instanceof TemplateScalar scalar && scalar.text().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
            case "Boolean" ->
                value instanceof TemplateScalar scalar && scalar.text().matches("(?i)true|false");
            case "Json" -> value instanceof TemplateMap || value instanceof TemplateScalar;
            default -> true;
        };
        if (!ok) {
            violations.add(new TemplateViolation(
                    path,
                    "expected a " + primitive + ", found " + value.describe()
                            + (value instanceof TemplateScalar scalar ? " '" + scalar.text() + "'" : "")));
        }
    }

    /** Every {@code !GetAtt X.a} and {@code ${X.a}} on a non-SAM resource names an attribute its type has. */
    private void checkAttributes(
            SamTemplate template, TemplateValue value, String path, List<TemplateViolation> violations) {
        if (value instanceof TemplateMap map) {
            map.entries()
                    .forEach((key, item) ->
                            checkAttributes(template, item, path.isEmpty() ? key : path + "." + key, violations));
        } else if (value instanceof TemplateList list) {
            for (int i = 0; i < list.size(); i++) {
                checkAttributes(template, list.get(i), path + "[" + i + "]", violations);
            }
        } else if (value instanceof Intrinsic intrinsic) {
            if (intrinsic.function() == IntrinsicFunction.GET_ATT
                    && intrinsic.argument() instanceof TemplateList parts
                    && parts.size() == 2
                    && parts.get(0) instanceof TemplateScalar id
                    && parts.get(1) instanceof TemplateScalar attribute) {
                checkAttribute(template, id.text(), attribute.text(), path, violations);
            }
            if (intrinsic.function() == IntrinsicFunction.SUB) {
                TemplateValue text = intrinsic.argument() instanceof TemplateList parts && parts.size() == 2
                        ? parts.get(0)
                        : intrinsic.argument();
                if (text instanceof TemplateScalar scalar) {
                    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\$\\{([^!}.]+)\\.([^}]+)}")
                            .matcher(scalar.text());
                    while (matcher.find()) {
                        checkAttribute(
                                template,
                                matcher.group(1).trim(),
                                matcher.group(2).trim(),
                                path,
                                violations);
                    }
                }
            }
            checkAttributes(
                    template,
                    intrinsic.argument(),
                    path + "." + intrinsic.function().longName(),
                    violations);
        }
    }

    private void checkAttribute(
            SamTemplate template, String logicalId, String attribute, String path, List<TemplateViolation> violations) {
        Optional<Resource> resource = template.resource(logicalId);
        if (resource.isEmpty()) {
            violations.add(new TemplateViolation(path, "GetAtt names " + logicalId + ", which is not a resource"));
            return;
        }
        Optional<TemplateValue> definition = resourceTypes.get(resource.get().type());
        if (definition.isEmpty()) {
            return;
        }
        TemplateValue attributes = map(definition.get()).get("Attributes").orElse(new TemplateList(List.of()));
        if (!((TemplateList) attributes).items().contains(TemplateScalar.of(attribute))) {
            violations.add(new TemplateViolation(
                    path,
                    resource.get().type() + " has no attribute " + attribute + " (it has "
                            + ((TemplateList) attributes)
                                    .items().stream()
                                            .map(v -> ((TemplateScalar) v).text())
                                            .toList()
                            + ")"));
        }
    }

    private static Optional<String> text(TemplateMap map, String key) {
        return map.get(key).filter(TemplateScalar.class::isInstance).map(v -> ((TemplateScalar) v).text());
    }

    private static TemplateMap map(TemplateValue value) {
        return (TemplateMap) value;
    }
}
