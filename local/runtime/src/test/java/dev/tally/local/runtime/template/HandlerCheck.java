package dev.tally.local.runtime.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that each function's {@code Handler} names a public class with a public no-argument
 * constructor that is in the function's own {@code CodeUri} code and implements the
 * {@code RequestHandler<I, O>} its events need (type arguments checked by reflection).
 */
final class HandlerCheck {

    static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    private static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";

    /** The handler type arguments each event kind needs. */
    static final Map<Class<? extends EventSource>, List<String>> REQUIRED_TYPES = Map.of(
            HttpApiEvent.class, List.of(EVENTS + "APIGatewayV2HTTPEvent", EVENTS + "APIGatewayV2HTTPResponse"),
            SqsEvent.class, List.of(EVENTS + "SQSEvent", EVENTS + "SQSBatchResponse"),
            DynamoDbEvent.class, List.of(EVENTS + "DynamodbEvent", EVENTS + "StreamsEventResponse"));

    private final Function<String, CodeLocation> codeLocations;
    private final List<Path> lambdaLibraries;

    /** {@code codeLocations} maps a {@code CodeUri} to its built code. */
    HandlerCheck(Function<String, CodeLocation> codeLocations) {
        this.codeLocations = codeLocations;
        this.lambdaLibraries = List.of(jarOf(REQUEST_HANDLER), jarOf(EVENTS + "SQSEvent"));
    }

    List<TemplateViolation> check(SamTemplate template) {
        List<TemplateViolation> violations = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            check(function, violations);
        }
        return violations;
    }

    private void check(FunctionDefinition function, List<TemplateViolation> violations) {
        String path = "Resources." + function.logicalId() + ".Properties.Handler";
        Optional<List<String>> required = requiredTypes(function, violations);
        if (function.handler().contains("::") && !function.handler().endsWith("::handleRequest")) {
            violations.add(new TemplateViolation(
                    path,
                    "a RequestHandler is invoked through handleRequest, not "
                            + function.handler().substring(function.handler().indexOf("::") + 2)));
        }
        CodeLocation code = codeLocations.apply(function.codeUri());
        if (!code.built()) {
            violations.add(new TemplateViolation(
                    path,
                    "CodeUri " + function.codeUri()
                            + " is not built (no jar, no target/classes): run mvn package for its module"));
            return;
        }
        String className = function.handlerClass();
        if (!code.containsClass(className)) {
            violations.add(new TemplateViolation(path, "class " + className + " is not in " + code.paths()));
            return;
        }
        try (URLClassLoader loader = code.classLoader(lambdaLibraries)) {
            Class<?> handler = Class.forName(className, false, loader);
            if (!Modifier.isPublic(handler.getModifiers()) || Modifier.isAbstract(handler.getModifiers())) {
                violations.add(new TemplateViolation(path, className + " must be a public concrete class"));
            }
            if (java.util.Arrays.stream(handler.getConstructors()).noneMatch(c -> c.getParameterCount() == 0)) {
                violations.add(new TemplateViolation(
                        path, className + " has no public no-argument constructor (Lambda needs one)"));
            }
            Optional<List<String>> actual = requestHandlerTypes(handler, Map.of());
            if (actual.isEmpty()) {
                violations.add(new TemplateViolation(path, className + " does not implement " + REQUEST_HANDLER));
            } else if (required.isPresent() && !actual.get().equals(required.get())) {
                violations.add(new TemplateViolation(
                        path,
                        className + " implements RequestHandler<"
                                + String.join(", ", actual.get()) + "> but its events need RequestHandler<"
                                + String.join(", ", required.get()) + ">"));
            }
        } catch (ClassNotFoundException | LinkageError e) {
            violations.add(
                    new TemplateViolation(path, "cannot load " + className + " from " + code.paths() + ": " + e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<List<String>> requiredTypes(
            FunctionDefinition function, List<TemplateViolation> violations) {
        List<Class<? extends EventSource>> kinds = function.events().stream()
                .<Class<? extends EventSource>>map(EventSource::getClass)
                .distinct()
                .toList();
        if (kinds.size() > 1) {
            violations.add(new TemplateViolation(
                    "Resources." + function.logicalId() + ".Properties.Events",
                    "one function serves one kind of event; found "
                            + kinds.stream().map(Class::getSimpleName).toList()));
            return Optional.empty();
        }
        if (kinds.isEmpty()) {
            violations.add(new TemplateViolation(
                    "Resources." + function.logicalId() + ".Properties.Events",
                    "the function has no event, so nothing invokes it"));
            return Optional.empty();
        }
        return Optional.of(REQUIRED_TYPES.get(kinds.get(0)));
    }

    /** The type arguments of the {@code RequestHandler} that {@code type} implements, through its hierarchy. */
    static Optional<List<String>> requestHandlerTypes(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> scope = new HashMap<>(bindings);
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                scope.put(
                        variables[i],
                        arguments[i] instanceof TypeVariable<?> variable
                                ? bindings.getOrDefault(variable, variable)
                                : arguments[i]);
            }
        } else if (type instanceof Class<?> clazz) {
            raw = clazz;
        } else {
            return Optional.empty();
        }
        if (raw.getName().equals(REQUEST_HANDLER)) {
            List<String> names = new ArrayList<>();
            for (TypeVariable<?> variable : raw.getTypeParameters()) {
                Type bound = scope.get(variable);
                names.add(bound instanceof Class<?> clazz ? clazz.getName() : String.valueOf(bound));
            }
            return Optional.of(names);
        }
        List<Type> supertypes = new ArrayList<>(List.of(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            supertypes.add(raw.getGenericSuperclass());
        }
        for (Type supertype : supertypes) {
            Optional<List<String>> found = requestHandlerTypes(supertype, scope);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Path jarOf(String className) {
        try {
            Class<?> type = Class.forName(className);
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the Lambda libraries must be on the test class path: " + className, e);
        }
    }
}
