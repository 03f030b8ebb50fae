package dev.tally.local.dynamodb.expression;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, with a record of
 * which were used, so that unused ones can be rejected as AWS does.
 */
public final class ExpressionContext {

    private static final Set<String> RESERVED = loadReservedWords();

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    /** Reads both maps from a request (either may be absent). */
    public static ExpressionContext from(JsonNode request) {
        ExpressionContext context = new ExpressionContext();
        JsonNode names = request.get("ExpressionAttributeNames");
        if (names != null && !names.isNull()) {
            if (names.isEmpty()) {
                throw ApiException.validation("ExpressionAttributeNames must not be empty");
            }
            for (Map.Entry<String, JsonNode> entry : names.properties()) {
                if (!entry.getKey().startsWith("#") || entry.getKey().length() < 2) {
                    throw ApiException.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \""
                            + entry.getKey() + "\"");
                }
                if (entry.getValue().asText().isEmpty()) {
                    throw ApiException.validation(
                            "ExpressionAttributeNames contains invalid value: Empty attribute name; key: \""
                                    + entry.getKey() + "\"");
                }
                context.names.put(entry.getKey(), entry.getValue().asText());
            }
        }
        JsonNode values = request.get("ExpressionAttributeValues");
        if (values != null && !values.isNull()) {
            if (values.isEmpty()) {
                throw ApiException.validation("ExpressionAttributeValues must not be empty");
            }
            for (Map.Entry<String, JsonNode> entry : values.properties()) {
                if (!entry.getKey().startsWith(":") || entry.getKey().length() < 2) {
                    throw ApiException.validation(
                            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + entry.getKey()
                                    + "\"");
                }
                context.values.put(entry.getKey(), AttributeValueJson.read(entry.getValue()));
            }
        }
        return context;
    }

    /** An empty context (no names, no values). */
    public static ExpressionContext empty() {
        return new ExpressionContext();
    }

    /** Whether the request carries either map. */
    public boolean isEmpty() {
        return names.isEmpty() && values.isEmpty();
    }

    String name(String alias, String kind) {
        String name = names.get(alias);
        if (name == null) {
            throw ApiException.validation("Invalid " + kind
                    + ": An expression attribute name used in the document path is not defined; attribute name: "
                    + alias);
        }
        usedNames.add(alias);
        return name;
    }

    AttributeValue value(String placeholder, String kind) {
        AttributeValue value = values.get(placeholder);
        if (value == null) {
            throw ApiException.validation("Invalid " + kind
                    + ": An expression attribute value used in expression is not defined; attribute value: "
                    + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    static void checkNotReserved(String name, String kind) {
        if (RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw ApiException.validation(
                    "Invalid " + kind + ": Attribute name is a reserved keyword; reserved keyword: " + name);
        }
    }

    /** Rejects names or values that no expression of the request used, with AWS's messages. */
    public void checkAllUsed() {
        Set<String> unusedNames = new LinkedHashSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw ApiException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new LinkedHashSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw ApiException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }

    private static Set<String> loadReservedWords() {
        Set<String> words = new HashSet<>();
        try (InputStream in = ExpressionContext.class.getResourceAsStream("reserved-words.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    words.add(line.trim().toUpperCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
