package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} merged in.
 *
 * @param logicalId     the function's key in {@code Resources}
 * @param handler       {@code Handler}: the fully qualified handler class (optionally {@code ::method})
 * @param codeUri       {@code CodeUri}: the packaged jar, relative to the template's directory
 * @param runtime       {@code Runtime}, e.g. {@code java21}
 * @param memorySizeMb  {@code MemorySize} (SAM default 128)
 * @param timeoutSeconds {@code Timeout} (SAM default 3)
 * @param environment   {@code Environment.Variables}, values unresolved (often {@code !Ref}s)
 * @param events        {@code Events}, in document order
 * @param properties    all effective properties (after the Globals merge), for anything not typed here
 */
public record FunctionDefinition(
        String logicalId,
        String handler,
        String codeUri,
        String runtime,
        int memorySizeMb,
        int timeoutSeconds,
        Map<String, TemplateValue> environment,
        List<EventSource> events,
        TemplateMap properties) {

    /** The resource type. */
    public static final String TYPE = "AWS::Serverless::Function";

    /** Every property SAM defines for {@code AWS::Serverless::Function}; anything else is a typo. */
    static final Set<String> PROPERTIES = Set.of(
            "Architectures",
            "AssumeRolePolicyDocument",
            "AutoPublishAlias",
            "AutoPublishAliasAllProperties",
            "AutoPublishCodeSha256",
            "CodeSigningConfigArn",
            "CodeUri",
            "DeadLetterQueue",
            "DeploymentPreference",
            "Description",
            "Environment",
            "EphemeralStorage",
            "EventInvokeConfig",
            "Events",
            "FileSystemConfigs",
            "FunctionName",
            "FunctionUrlConfig",
            "Handler",
            "ImageConfig",
            "ImageUri",
            "InlineCode",
            "KmsKeyArn",
            "Layers",
            "LoggingConfig",
            "MemorySize",
            "PackageType",
            "PermissionsBoundary",
            "Policies",
            "PropagateTags",
            "ProvisionedConcurrencyConfig",
            "RecursiveLoop",
            "ReservedConcurrentExecutions",
            "Role",
            "RolePath",
            "Runtime",
            "RuntimeManagementConfig",
            "SnapStart",
            "SourceKMSKeyArn",
            "Tags",
            "Timeout",
            "Tracing",
            "VersionDescription",
            "VpcConfig");

    /** Copies the collections. */
    public FunctionDefinition {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        events = List.copyOf(events);
    }

    /** The handler class name, without a {@code ::method} suffix. */
    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    /** The events of one kind, e.g. {@code eventsOf(SqsEvent.class)}. */
    public <T extends EventSource> List<T> eventsOf(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static FunctionDefinition read(Resource resource, TemplateMap functionGlobals) {
        TemplateMap merged = GlobalsMerger.merge(functionGlobals, resource.properties());
        Properties properties = new Properties(merged, resource.propertiesPath()).allowOnly(PROPERTIES, TYPE);
        Map<String, TemplateValue> environment = properties
                .optionalNested("Environment")
                .map(env -> env.allowOnly(Set.of("Variables"), "Environment").entries("Variables"))
                .orElse(new LinkedHashMap<>());
        Properties eventsSection = properties.nested("Events");
        List<EventSource> events = new ArrayList<>();
        for (Map.Entry<String, TemplateValue> event :
                eventsSection.map().entries().entrySet()) {
            events.add(EventSource.read(event.getKey(), event.getValue(), eventsSection.pathOf(event.getKey())));
        }
        return new FunctionDefinition(
                resource.logicalId(),
                properties.requiredString("Handler"),
                properties.requiredString("CodeUri"),
                properties.requiredString("Runtime"),
                properties.integer("MemorySize", 128),
                properties.integer("Timeout", 3),
                environment,
                events,
                merged);
    }
}
