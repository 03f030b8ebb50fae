package dev.tally.local.runtime.template;

import java.util.Set;

/**
 * One entry of the template's {@code Resources} section.
 *
 * @param logicalId  the resource's key in {@code Resources}
 * @param type       e.g. {@code AWS::Serverless::Function}, {@code AWS::SQS::Queue}
 * @param properties its {@code Properties} (empty when absent); for functions, before Globals merge
 * @param attributes the other resource attributes ({@code DependsOn}, {@code Condition}, …)
 */
public record Resource(String logicalId, String type, TemplateMap properties, TemplateMap attributes) {

    /** The resource attributes CloudFormation allows beside {@code Type} and {@code Properties}. */
    public static final Set<String> RESOURCE_ATTRIBUTES = Set.of(
            "DependsOn",
            "Condition",
            "DeletionPolicy",
            "UpdateReplacePolicy",
            "Metadata",
            "CreationPolicy",
            "UpdatePolicy");

    /** The path of this resource's properties in the template, for messages. */
    public String propertiesPath() {
        return "Resources." + logicalId + ".Properties";
    }

    static Resource read(String logicalId, TemplateValue value) {
        String path = "Resources." + logicalId;
        Properties resource = Properties.of(value, path);
        for (String key : resource.map().keys()) {
            if (!key.equals("Type") && !key.equals("Properties") && !RESOURCE_ATTRIBUTES.contains(key)) {
                throw new TemplateSyntaxException(
                        resource.pathOf(key),
                        "'" + key + "' is not a resource attribute;" + " allowed: Type, Properties, "
                                + String.join(", ", new java.util.TreeSet<>(RESOURCE_ATTRIBUTES)));
            }
        }
        String type = resource.requiredString("Type");
        TemplateMap properties = resource.nested("Properties").map();
        TemplateMap attributes = resource.map().without("Type").without("Properties");
        return new Resource(logicalId, type, properties, attributes);
    }
}
