package dev.tally.local.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scenario file: an ordered list of steps, each one DynamoDB operation in the wire format plus how to
 * compare its result. All servers run the same steps in the same order.
 *
 * @param name        the file's base name, prefix of every case id
 * @param description what the scenario covers
 * @param steps       the operations, in order
 */
record Scenario(String name, String description, List<Step> steps) {

    Scenario {
        steps = List.copyOf(steps);
    }

    /**
     * One operation and its comparison rules.
     *
     * @param id             unique within the scenario; the case id is {@code scenario/id}
     * @param op             the API operation name ({@code PutItem}) or {@code Collected} (items gathered by {@code collect})
     * @param request        the request in the wire format; {@code ${var}} refers to a value saved by an earlier step
     * @param unordered      paths of arrays whose order AWS does not define (sorted before comparing)
     * @param ignore         paths removed before comparing
     * @param only           if not empty, the only paths compared
     * @param present        paths whose value is compared only for being there ({@code <present>}), not its content
     * @param save           variable name to a path of the raw response, saved per server
     * @param collect        if set, the response's {@code Items} are appended to this per-server collection
     * @param compareMessage whether the error message text is compared (only where AWS documents the text)
     */
    record Step(
            String id,
            String op,
            JsonNode request,
            List<String> unordered,
            List<String> ignore,
            List<String> only,
            List<String> present,
            Map<String, String> save,
            String collect,
            boolean compareMessage) {

        Step {
            unordered = List.copyOf(unordered);
            ignore = List.copyOf(ignore);
            only = List.copyOf(only);
            present = List.copyOf(present);
            save = Map.copyOf(save);
        }
    }

    /** Reads a scenario from its JSON file, rejecting unknown step keys and duplicate ids. */
    static Scenario load(ObjectMapper json, String name, InputStream source) {
        try {
            JsonNode root = json.readTree(source);
            List<Step> steps = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (JsonNode step : root.path("steps")) {
                Step parsed = parseStep(name, step);
                if (!ids.add(parsed.id())) {
                    throw new IllegalArgumentException(name + ": duplicate step id '" + parsed.id() + "'");
                }
                steps.add(parsed);
            }
            if (steps.isEmpty()) {
                throw new IllegalArgumentException(name + ": no steps");
            }
            return new Scenario(name, root.path("description").asText(""), steps);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read scenario " + name, failure);
        }
    }

    private static final Set<String> STEP_KEYS =
            Set.of("id", "op", "req", "unordered", "ignore", "only", "present", "save", "collect", "message", "note");

    private static Step parseStep(String scenario, JsonNode step) {
        step.fieldNames().forEachRemaining(key -> {
            if (!STEP_KEYS.contains(key)) {
                throw new IllegalArgumentException(scenario + ": step " + step.path("id") + " has unknown key '" + key
                        + "'; allowed: " + STEP_KEYS);
            }
        });
        String id = required(scenario, step, "id");
        Map<String, String> save = new LinkedHashMap<>();
        step.path("save")
                .properties()
                .forEach(entry -> save.put(entry.getKey(), entry.getValue().asText()));
        return new Step(
                id,
                required(scenario, step, "op"),
                step.path("req"),
                strings(step.path("unordered")),
                strings(step.path("ignore")),
                strings(step.path("only")),
                strings(step.path("present")),
                save,
                step.hasNonNull("collect") ? step.get("collect").asText() : null,
                step.path("message").asBoolean(false));
    }

    private static String required(String scenario, JsonNode step, String key) {
        if (!step.hasNonNull(key) || step.get(key).asText().isBlank()) {
            throw new IllegalArgumentException(scenario + ": a step lacks '" + key + "': " + step);
        }
        return step.get(key).asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }
}
