package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed SAM template: the generic tree ({@link #document()}) plus typed views of what the local
 * runtime needs — functions with Globals merged, their events and routes, tables, queues, secrets
 * and parameters. Typed views are read (and checked) when first asked for, so a template with an
 * unsupported construct fails with a named {@link TemplateException} rather than being half-read.
 *
 * @param document the whole template as read
 */
public record SamTemplate(TemplateMap document) {

    /** The top-level sections a SAM template may have. */
    public static final Set<String> SECTIONS = Set.of(
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Rules",
            "Mappings",
            "Conditions",
            "Transform",
            "Globals",
            "Resources",
            "Outputs");

    /** Checks the top-level sections and that every resource has a {@code Type}. */
    public SamTemplate {
        for (String key : document.keys()) {
            if (!SECTIONS.contains(key)) {
                throw new TemplateSyntaxException(
                        key, "not a template section; allowed: " + new java.util.TreeSet<>(SECTIONS));
            }
        }
        if (!document.has("Resources")) {
            throw new TemplateSyntaxException("Resources", "a template needs a Resources section");
        }
        Properties.of(document.get("Resources").orElseThrow(), "Resources")
                .map()
                .entries()
                .forEach(Resource::read);
    }

    /** The {@code Transform} entries (e.g. {@code AWS::Serverless-2016-10-31}). */
    public List<String> transforms() {
        Optional<TemplateValue> transform = document.get("Transform");
        if (transform.isEmpty()) {
            return List.of();
        }
        if (transform.get() instanceof TemplateList) {
            return new Properties(document, "").stringList("Transform");
        }
        return List.of(Properties.literalText(transform.get(), "Transform"));
    }

    /** A top-level section as a map (empty when absent). */
    public TemplateMap section(String name) {
        return Properties.of(document.get(name).orElse(TemplateMap.EMPTY), name).map();
    }

    /** The parameters in document order. */
    public Map<String, ParameterDefinition> parameters() {
        Map<String, ParameterDefinition> parameters = new LinkedHashMap<>();
        section("Parameters")
                .entries()
                .forEach((name, value) -> parameters.put(name, ParameterDefinition.read(name, value)));
        return Collections.unmodifiableMap(parameters);
    }

    /** All resources in document order, by logical id. */
    public Map<String, Resource> resources() {
        Map<String, Resource> resources = new LinkedHashMap<>();
        section("Resources").entries().forEach((id, value) -> resources.put(id, Resource.read(id, value)));
        return Collections.unmodifiableMap(resources);
    }

    /** The resource with this logical id. */
    public Optional<Resource> resource(String logicalId) {
        return Optional.ofNullable(resources().get(logicalId));
    }

    /** The resources of one type, in document order. */
    public List<Resource> resourcesOfType(String type) {
        return resources().values().stream()
                .filter(resource -> resource.type().equals(type))
                .toList();
    }

    /** The {@code Globals} for one resource kind ({@code Function}, {@code HttpApi}, …), empty when absent. */
    public TemplateMap globals(String kind) {
        Properties globals = new Properties(section("Globals"), "Globals")
                .allowOnly(
                        Set.of(
                                "Function",
                                "Api",
                                "HttpApi",
                                "SimpleTable",
                                "StateMachine",
                                "LayerVersion",
                                "CapacityProvider"),
                        "Globals");
        return globals.nested(kind).map();
    }

    /** Every {@code AWS::Serverless::Function}, with {@code Globals.Function} merged in. */
    public List<FunctionDefinition> functions() {
        TemplateMap functionGlobals = globals("Function");
        return resourcesOfType(FunctionDefinition.TYPE).stream()
                .map(resource -> FunctionDefinition.read(resource, functionGlobals))
                .toList();
    }

    /** The function with this logical id. */
    public Optional<FunctionDefinition> function(String logicalId) {
        return resource(logicalId)
                .filter(resource -> resource.type().equals(FunctionDefinition.TYPE))
                .map(resource -> FunctionDefinition.read(resource, globals("Function")));
    }

    /** Every HTTP route of every function's {@code HttpApi} events. */
    public List<HttpRoute> httpRoutes() {
        List<HttpRoute> routes = new ArrayList<>();
        for (FunctionDefinition function : functions()) {
            for (HttpApiEvent event : function.eventsOf(HttpApiEvent.class)) {
                routes.add(new HttpRoute(event.method(), event.path(), function.logicalId(), event.name()));
            }
        }
        return List.copyOf(routes);
    }

    /** Every {@code AWS::DynamoDB::Table}. */
    public List<TableDefinition> tables() {
        return resourcesOfType(TableDefinition.TYPE).stream()
                .map(TableDefinition::read)
                .toList();
    }

    /** Every {@code AWS::SQS::Queue}. */
    public List<QueueDefinition> queues() {
        return resourcesOfType(QueueDefinition.TYPE).stream()
                .map(QueueDefinition::read)
                .toList();
    }

    /** Every {@code AWS::SecretsManager::Secret}. */
    public List<SecretDefinition> secrets() {
        return resourcesOfType(SecretDefinition.TYPE).stream()
                .map(SecretDefinition::read)
                .toList();
    }
}
