package dev.tally.local.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server as the suite sees it: its SDK clients and the values earlier steps saved from its own answers
 * (stream ARNs, iterators, pagination keys), which differ from server to server.
 */
final class ServerSession implements AutoCloseable {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final Pattern REPEAT = Pattern.compile("^\\$repeat\\((.),(\\d+)\\)$");

    private final DynamoDbEndpoint server;
    private final OperationInvoker invoker;
    private final Map<String, JsonNode> variables = new HashMap<>();
    private final Map<String, ArrayNode> collections = new HashMap<>();

    ServerSession(DynamoDbEndpoint server) {
        this.server = server;
        this.invoker = new OperationInvoker(server.endpoint());
    }

    String name() {
        return server.name();
    }

    /** Runs a step on this server; returns the raw (not yet normalised) result. */
    ObjectNode run(Scenario.Step step) {
        ObjectNode result;
        if (step.op().equals("Collected")) {
            String name = step.request().path("name").asText();
            result = JsonNodeFactory.instance.objectNode();
            result.putObject("response")
                    .set(
                            "Items",
                            collections
                                    .getOrDefault(name, JsonNodeFactory.instance.arrayNode())
                                    .deepCopy());
        } else {
            result = invoker.invoke(step.op(), substitute(step.request().deepCopy()));
        }
        step.save().forEach((variable, path) -> {
            List<JsonNode> found = JsonPaths.select(result, path);
            variables.put(variable, found.isEmpty() ? null : found.get(0).deepCopy());
        });
        if (step.collect() != null) {
            ArrayNode collection =
                    collections.computeIfAbsent(step.collect(), name -> JsonNodeFactory.instance.arrayNode());
            result.path("response").path("Items").forEach(item -> collection.add(item.deepCopy()));
        }
        return result;
    }

    private JsonNode substitute(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode replaced = substitute(entry.getValue());
                if (replaced == null) {
                    it.remove();
                } else {
                    entry.setValue(replaced);
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, substitute(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            return substituteText(node.textValue());
        }
        return node;
    }

    private JsonNode substituteText(String text) {
        Matcher repeat = REPEAT.matcher(text);
        if (repeat.matches()) {
            return TextNode.valueOf(repeat.group(1).repeat(Integer.parseInt(repeat.group(2))));
        }
        Matcher whole = VARIABLE.matcher(text);
        if (whole.matches()) {
            return variable(whole.group(1));
        }
        Matcher inline = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (inline.find()) {
            JsonNode value = variable(inline.group(1));
            inline.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.asText()));
        }
        inline.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    private JsonNode variable(String name) {
        if (!variables.containsKey(name)) {
            throw new IllegalStateException(
                    "variable ${" + name + "} used before any step saved it (server " + server.name() + ")");
        }
        JsonNode value = variables.get(name);
        return value == null ? null : value.deepCopy();
    }

    @Override
    public void close() {
        invoker.close();
        server.close();
    }
}
