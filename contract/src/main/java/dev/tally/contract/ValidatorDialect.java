package dev.tally.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document rewritten in the 3.0 dialect that swagger-request-validator checks
 * (its schema validator is JSON Schema draft 4; given a 3.1 document it silently skips
 * {@code additionalProperties} and body types). Only the 3.1 constructs the document uses are
 * rewritten, each to its exact 3.0 equivalent; any other 3.1-only keyword fails the rewrite, so the
 * checks cannot quietly weaken. See {@code docs/adr/0170-openapi-contract-checked-in-the-build.md}.
 *
 * <ul>
 *   <li>{@code openapi: 3.1.x} → {@code 3.0.3}; {@code info.summary} and {@code license.identifier}
 *       (documentation only) are dropped.</li>
 *   <li>{@code type: [T, "null"]} → {@code type: T, nullable: true}.</li>
 *   <li>{@code propertyNames} (keys of a map) is dropped: 3.0 cannot say it; the values are still checked.</li>
 * </ul>
 */
final class ValidatorDialect {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> UNSUPPORTED = List.of(
            "const",
            "prefixItems",
            "if",
            "then",
            "else",
            "dependentSchemas",
            "dependentRequired",
            "unevaluatedProperties",
            "unevaluatedItems",
            "$defs",
            "contains");

    private ValidatorDialect() {}

    /** The document as a 3.0.3 YAML string. */
    static String rewrite(Path document) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(document.toFile());
            root.put("openapi", "3.0.3");
            ObjectNode info = (ObjectNode) root.get("info");
            info.remove("summary");
            if (info.get("license") instanceof ObjectNode license) {
                license.remove("identifier");
            }
            List<String> problems = new ArrayList<>();
            rewriteSchemas(root, "", problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        "3.1 keywords without a 3.0 equivalent in " + document + ": " + problems);
            }
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + document, e);
        }
    }

    private static void rewriteSchemas(JsonNode node, String path, List<String> problems) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (type instanceof ArrayNode types) {
                List<String> names = new ArrayList<>();
                types.forEach(name -> names.add(name.asText()));
                if (names.size() == 2 && names.remove("null")) {
                    object.put("type", names.get(0));
                    object.put("nullable", true);
                } else {
                    problems.add(path + ".type " + names);
                }
            }
            if (path.contains("/schemas") || path.contains(".schema")) {
                object.remove("propertyNames");
                UNSUPPORTED.stream().filter(object::has).forEach(keyword -> problems.add(path + "." + keyword));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("example") && !field.getKey().equals("examples")) {
                    rewriteSchemas(
                            field.getValue(),
                            path + (field.getKey().equals("schemas") ? "/schemas" : "." + field.getKey()),
                            problems);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                rewriteSchemas(array.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
