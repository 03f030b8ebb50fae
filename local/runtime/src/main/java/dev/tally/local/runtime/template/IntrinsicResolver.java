package dev.tally.local.runtime.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates intrinsic functions of a template against a {@link ResolutionContext}: {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub} (both forms), {@code Fn::Join}, {@code Fn::Select},
 * {@code Fn::Split}, {@code Fn::If} with {@code Fn::Equals}/{@code Not}/{@code And}/{@code Or}/{@code Condition},
 * {@code Fn::FindInMap}, {@code Fn::Base64} and {@code AWS::NoValue}. The intrinsics that need a real
 * AWS account ({@code Fn::ImportValue}, {@code Fn::GetAZs}, {@code Fn::Cidr}, {@code Fn::Transform}, …)
 * are reported as {@link UnsupportedConstructException}; a reference to anything unknown is an
 * {@link UnresolvedReferenceException}.
 */
public final class IntrinsicResolver {

    private static final String NO_VALUE = "AWS::NoValue";

    private final SamTemplate template;
    private final ResolutionContext context;
    private final Map<String, ParameterDefinition> parameters;
    private final Map<String, Boolean> conditionCache = new LinkedHashMap<>();

    /** A resolver for {@code template}'s intrinsics against {@code context}. */
    public IntrinsicResolver(SamTemplate template, ResolutionContext context) {
        this.template = template;
        this.context = context;
        this.parameters = template.parameters();
    }

    /** Resolves every intrinsic inside {@code value}; {@code path} locates it for error messages. */
    public TemplateValue resolve(TemplateValue value, String path) {
        return resolveOptional(value, path).orElse(TemplateNull.INSTANCE);
    }

    /** Resolves {@code value} and requires a scalar result, returned as text. */
    public String resolveString(TemplateValue value, String path) {
        TemplateValue resolved = resolve(value, path);
        if (resolved instanceof TemplateScalar scalar) {
            return scalar.text();
        }
        throw new TemplateSyntaxException(
                path, "expected a string after resolving intrinsics, found " + resolved.describe());
    }

    /** The value of a template condition from the {@code Conditions} section. */
    public boolean condition(String name) {
        Boolean cached = conditionCache.get(name);
        if (cached != null) {
            return cached;
        }
        if (conditionCache.containsKey(name) || conditionCache.size() > 1000) {
            throw new TemplateSyntaxException("Conditions." + name, "condition refers to itself");
        }
        conditionCache.put(name, null);
        TemplateValue definition = template.section("Conditions")
                .get(name)
                .orElseThrow(() -> new UnresolvedReferenceException("Conditions." + name, "no such condition"));
        boolean value = bool(resolve(definition, "Conditions." + name), "Conditions." + name);
        conditionCache.put(name, value);
        return value;
    }

    /** Empty when the value is {@code !Ref AWS::NoValue} (the property is to be removed). */
    private Optional<TemplateValue> resolveOptional(TemplateValue value, String path) {
        if (value instanceof TemplateMap map) {
            Map<String, TemplateValue> resolved = new LinkedHashMap<>();
            map.entries()
                    .forEach((key, item) -> resolveOptional(item, TemplateReader.join(path, key))
                            .ifPresent(result -> resolved.put(key, result)));
            return Optional.of(new TemplateMap(resolved));
        }
        if (value instanceof TemplateList list) {
            List<TemplateValue> resolved = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                resolveOptional(list.get(i), path + "[" + i + "]").ifPresent(resolved::add);
            }
            return Optional.of(new TemplateList(resolved));
        }
        if (value instanceof Intrinsic intrinsic) {
            return evaluate(
                    intrinsic, TemplateReader.join(path, intrinsic.function().longName()));
        }
        return Optional.of(value);
    }

    private Optional<TemplateValue> evaluate(Intrinsic intrinsic, String path) {
        TemplateValue argument = intrinsic.argument();
        switch (intrinsic.function()) {
            case REF -> {
                String target = resolveString(argument, path);
                return target.equals(NO_VALUE) ? Optional.empty() : Optional.of(ref(target, path));
            }
            case GET_ATT -> {
                List<TemplateValue> parts = arguments(argument, 2, path);
                return Optional.of(TemplateScalar.of(getAtt(
                        resolveString(parts.get(0), path + "[0]"), resolveString(parts.get(1), path + "[1]"), path)));
            }
            case SUB -> {
                return Optional.of(TemplateScalar.of(sub(argument, path)));
            }
            case JOIN -> {
                List<TemplateValue> parts = arguments(argument, 2, path);
                List<String> texts = new ArrayList<>();
                for (TemplateValue item :
                        list(resolve(parts.get(1), path + "[1]"), path + "[1]").items()) {
                    texts.add(text(item, path + "[1]"));
                }
                return Optional.of(TemplateScalar.of(String.join(resolveString(parts.get(0), path + "[0]"), texts)));
            }
            case SELECT -> {
                List<TemplateValue> parts = arguments(argument, 2, path);
                int index = Properties.toInt(resolve(parts.get(0), path + "[0]"), path + "[0]");
                TemplateList items = list(resolve(parts.get(1), path + "[1]"), path + "[1]");
                if (index < 0 || index >= items.size()) {
                    throw new TemplateSyntaxException(path, "index " + index + " is outside a list of " + items.size());
                }
                return Optional.of(items.get(index));
            }
            case SPLIT -> {
                List<TemplateValue> parts = arguments(argument, 2, path);
                String delimiter = resolveString(parts.get(0), path + "[0]");
                String source = resolveString(parts.get(1), path + "[1]");
                List<TemplateValue> pieces = new ArrayList<>();
                for (String piece : source.split(java.util.regex.Pattern.quote(delimiter), -1)) {
                    pieces.add(TemplateScalar.of(piece));
                }
                return Optional.of(new TemplateList(pieces));
            }
            case IF -> {
                List<TemplateValue> parts = arguments(argument, 3, path);
                boolean chosen = condition(resolveString(parts.get(0), path + "[0]"));
                return chosen
                        ? resolveOptional(parts.get(1), path + "[1]")
                        : resolveOptional(parts.get(2), path + "[2]");
            }
            case EQUALS -> {
                List<TemplateValue> parts = arguments(argument, 2, path);
                return Optional.of(new TemplateScalar(resolve(parts.get(0), path + "[0]")
                                .equals(resolve(parts.get(1), path + "[1]"))
                        || text(resolve(parts.get(0), path + "[0]"), path)
                                .equals(text(resolve(parts.get(1), path + "[1]"), path))));
            }
            case NOT -> {
                List<TemplateValue> parts = arguments(argument, 1, path);
                return Optional.of(new TemplateScalar(!bool(resolve(parts.get(0), path + "[0]"), path)));
            }
            case AND, OR -> {
                boolean and = intrinsic.function() == IntrinsicFunction.AND;
                TemplateList parts = list(argument, path);
                boolean result = and;
                for (int i = 0; i < parts.size(); i++) {
                    boolean item = bool(resolve(parts.get(i), path + "[" + i + "]"), path + "[" + i + "]");
                    result = and ? result && item : result || item;
                }
                return Optional.of(new TemplateScalar(result));
            }
            case CONDITION -> {
                return Optional.of(new TemplateScalar(condition(resolveString(argument, path))));
            }
            case FIND_IN_MAP -> {
                List<TemplateValue> parts = arguments(argument, 3, path);
                return Optional.of(findInMap(
                        resolveString(parts.get(0), path + "[0]"),
                        resolveString(parts.get(1), path + "[1]"),
                        resolveString(parts.get(2), path + "[2]"),
                        path));
            }
            case BASE64 -> {
                String text = resolveString(argument, path);
                return Optional.of(
                        TemplateScalar.of(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))));
            }
            default ->
                throw new UnsupportedConstructException(
                        path,
                        intrinsic.function().longName()
                                + " cannot be evaluated outside AWS; replace it with a parameter");
        }
    }

    private TemplateValue ref(String target, String path) {
        if (parameters.containsKey(target)) {
            ParameterDefinition parameter = parameters.get(target);
            String value = Optional.ofNullable(context.parameterValues().get(target))
                    .or(parameter::defaultValue)
                    .orElseThrow(() -> new UnresolvedReferenceException(
                            path, "parameter '" + target + "' has no value and no Default"));
            if (parameter.type().equals("CommaDelimitedList")
                    || parameter.type().startsWith("List<")) {
                List<TemplateValue> items = new ArrayList<>();
                for (String item : value.split(",", -1)) {
                    items.add(TemplateScalar.of(item.trim()));
                }
                return new TemplateList(items);
            }
            return TemplateScalar.of(value);
        }
        if (target.startsWith("AWS::")) {
            return TemplateScalar.of(
                    Optional.ofNullable(context.pseudoParameters().get(target))
                            .orElseThrow(() -> new UnresolvedReferenceException(
                                    path, "pseudo parameter '" + target + "' has no value in this context")));
        }
        if (template.resource(target).isEmpty()) {
            throw new UnresolvedReferenceException(path, "'" + target + "' is neither a parameter nor a resource");
        }
        return TemplateScalar.of(Optional.ofNullable(context.resourceRefs().get(target))
                .orElseThrow(() -> new UnresolvedReferenceException(
                        path, "resource '" + target + "' has no Ref value yet (is it created?)")));
    }

    private String getAtt(String resource, String attribute, String path) {
        if (template.resource(resource).isEmpty()) {
            throw new UnresolvedReferenceException(path, "GetAtt names '" + resource + "', which is not a resource");
        }
        return context.attribute(resource, attribute)
                .orElseThrow(() -> new UnresolvedReferenceException(
                        path,
                        "resource '" + resource + "' has no value for attribute '" + attribute + "' in this context"));
    }

    private String sub(TemplateValue argument, String path) {
        String text;
        Map<String, TemplateValue> variables = new LinkedHashMap<>();
        if (argument instanceof TemplateList list) {
            List<TemplateValue> parts = arguments(list, 2, path);
            text = Properties.literalText(parts.get(0), path + "[0]");
            Properties.of(parts.get(1), path + "[1]").map().entries().forEach(variables::put);
        } else {
            text = Properties.literalText(argument, path);
        }
        StringBuilder result = new StringBuilder();
        int position = 0;
        while (true) {
            int start = text.indexOf("${", position);
            if (start < 0) {
                result.append(text, position, text.length());
                return result.toString();
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new TemplateSyntaxException(path, "unclosed ${ in '" + text + "'");
            }
            result.append(text, position, start);
            String name = text.substring(start + 2, end).trim();
            if (name.startsWith("!")) {
                result.append("${").append(name.substring(1)).append('}');
            } else {
                result.append(subVariable(name, variables, path));
            }
            position = end + 1;
        }
    }

    private String subVariable(String name, Map<String, TemplateValue> variables, String path) {
        if (variables.containsKey(name)) {
            return resolveString(variables.get(name), path + "." + name);
        }
        if (parameters.containsKey(name) || name.startsWith("AWS::") || !name.contains(".")) {
            return text(ref(name, path), path);
        }
        int dot = name.indexOf('.');
        return getAtt(name.substring(0, dot), name.substring(dot + 1), path);
    }

    private TemplateValue findInMap(String mapName, String topKey, String secondKey, String path) {
        TemplateMap mappings = template.section("Mappings");
        TemplateValue mapping = mappings.get(mapName)
                .orElseThrow(() -> new UnresolvedReferenceException(path, "no mapping '" + mapName + "'"));
        TemplateValue top = Properties.of(mapping, "Mappings." + mapName)
                .map()
                .get(topKey)
                .orElseThrow(() -> new UnresolvedReferenceException(
                        path, "mapping '" + mapName + "' has no key '" + topKey + "'"));
        return Properties.of(top, "Mappings." + mapName + "." + topKey)
                .map()
                .get(secondKey)
                .orElseThrow(() -> new UnresolvedReferenceException(
                        path, "mapping '" + mapName + "." + topKey + "' has no key '" + secondKey + "'"));
    }

    private static List<TemplateValue> arguments(TemplateValue argument, int count, String path) {
        if (argument instanceof TemplateList list && list.size() == count) {
            return list.items();
        }
        throw new TemplateSyntaxException(
                path, "expected a list of " + count + " arguments, found " + describe(argument));
    }

    private static TemplateList list(TemplateValue value, String path) {
        if (value instanceof TemplateList list) {
            return list;
        }
        throw new TemplateSyntaxException(path, "expected a list, found " + value.describe());
    }

    private static String text(TemplateValue value, String path) {
        if (value instanceof TemplateScalar scalar) {
            return scalar.text();
        }
        throw new TemplateSyntaxException(path, "expected a string, found " + value.describe());
    }

    private static boolean bool(TemplateValue value, String path) {
        return Properties.toBoolean(value, path);
    }

    private static String describe(TemplateValue value) {
        return value instanceof TemplateList list ? "a list of " + list.size() : value.describe();
    }
}
