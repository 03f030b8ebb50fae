package dev.tally.local.runtime.template;

import dev.tally.local.runtime.template.CloudFormationYamlConstructor.RawIntrinsic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a CloudFormation/SAM template (YAML or JSON) into a {@link SamTemplate}. Short-form tags
 * ({@code !Ref}, {@code !GetAtt A.B}, {@code !Sub}, …) and long-form keys ({@code Ref},
 * {@code Fn::GetAtt}, …) both become {@link Intrinsic} nodes; unknown tags, unknown {@code Fn::}
 * keys and duplicate keys are errors.
 */
public final class TemplateReader {

    private TemplateReader() {}

    /** Reads and parses the template file at {@code file}. */
    public static SamTemplate read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
        return parse(text);
    }

    /** Parses template text. */
    public static SamTemplate parse(String text) {
        return new SamTemplate(parseTree(text));
    }

    /** Parses YAML/JSON text into the generic tree (no template-level validation). */
    public static TemplateMap parseTree(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        Object raw;
        try {
            raw = new Yaml(new CloudFormationYamlConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new TemplateSyntaxException("", "not valid YAML: " + e.getMessage(), e);
        }
        TemplateValue tree = convert(raw, "");
        if (!(tree instanceof TemplateMap map)) {
            throw new TemplateSyntaxException(
                    "", "a template must be a map at the top level, found " + tree.describe());
        }
        return map;
    }

    private static TemplateValue convert(Object raw, String path) {
        if (raw == null) {
            return TemplateNull.INSTANCE;
        }
        if (raw instanceof String
                || raw instanceof Boolean
                || raw instanceof Long
                || raw instanceof Double
                || raw instanceof BigInteger) {
            return new TemplateScalar(raw);
        }
        if (raw instanceof Integer integer) {
            return new TemplateScalar(integer.longValue());
        }
        if (raw instanceof List<?> list) {
            List<TemplateValue> items = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                items.add(convert(list.get(i), path + "[" + i + "]"));
            }
            return new TemplateList(items);
        }
        if (raw instanceof Map<?, ?> map) {
            return convertMap(map, path);
        }
        if (raw instanceof RawIntrinsic intrinsic) {
            return intrinsic(
                    intrinsic.function(),
                    convert(
                            intrinsic.argument(),
                            join(path, intrinsic.function().tag())));
        }
        throw new UnsupportedConstructException(
                path, "unsupported YAML value of type " + raw.getClass().getSimpleName());
    }

    private static TemplateValue convertMap(Map<?, ?> map, String path) {
        if (map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                IntrinsicFunction function = IntrinsicFunction.byLongName(key)
                        .orElseThrow(() -> new UnsupportedConstructException(
                                join(path, key), "unknown intrinsic function " + key));
                return intrinsic(function, convert(map.values().iterator().next(), join(path, key)));
            }
        }
        Map<String, TemplateValue> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            entries.put(key, convert(entry.getValue(), join(path, key)));
        }
        return new TemplateMap(entries);
    }

    /** Builds an intrinsic node, normalising {@code GetAtt "A.B"} to {@code [A, B]}. */
    private static Intrinsic intrinsic(IntrinsicFunction function, TemplateValue argument) {
        if (function == IntrinsicFunction.GET_ATT && argument instanceof TemplateScalar scalar) {
            String text = scalar.text();
            int dot = text.indexOf('.');
            if (dot > 0 && dot < text.length() - 1) {
                return Intrinsic.getAtt(text.substring(0, dot), text.substring(dot + 1));
            }
        }
        return new Intrinsic(function, argument);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
