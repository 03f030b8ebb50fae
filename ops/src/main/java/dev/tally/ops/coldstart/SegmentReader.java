package dev.tally.ops.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads X-Ray segment documents (from {@code BatchGetTraces} or the local {@code traces.jsonl}):
 * each {@code AWS::Lambda::Function} segment is one invocation, cold when it has an
 * {@code Initialization} or {@code Restore} subsegment, with the {@code Invocation} subsegment's
 * duration; every named subsegment below Initialization/Restore, at any depth, nested in the
 * document or sent as a separate document with a {@code parent_id}, is a part of the init breakdown.
 *
 * <p>Segments and subsegments are de-duplicated by id (an in-progress copy is replaced by the
 * completed one). A subsegment without {@code end_time} (still in progress, or its end was lost)
 * is counted as incomplete and left out of the numbers instead of giving a negative duration.
 */
final class SegmentReader {

    static final String FUNCTION_ORIGIN = "AWS::Lambda::Function";
    static final String INITIALIZATION = "Initialization";
    static final String RESTORE = "Restore";
    static final String INVOCATION = "Invocation";

    private final Map<String, JsonNode> byId = new LinkedHashMap<>();
    private final Map<String, String> parentOf = new LinkedHashMap<>();
    private final Map<String, List<String>> childrenOf = new LinkedHashMap<>();
    private int withoutId;

    /** Adds one segment or subsegment document (and everything nested in it). */
    void add(JsonNode document) {
        String trace = document.path("trace_id").asText("") + "/";
        String parent = document.path("parent_id").asText(null);
        add(document, trace, parent == null ? null : trace + parent);
    }

    /** Ids are kept as {@code <trace id>/<id>}: unique within a trace, as X-Ray promises. */
    private void add(JsonNode node, String trace, String parentId) {
        String rawId = node.path("id").asText(null);
        if (rawId == null || rawId.isBlank()) {
            withoutId++;
            return;
        }
        String id = trace + rawId;
        JsonNode known = byId.get(id);
        if (known == null || preferred(node, known)) {
            byId.put(id, node);
        }
        if (parentId != null && !parentOf.containsKey(id)) {
            parentOf.put(id, parentId);
            childrenOf.computeIfAbsent(parentId, key -> new ArrayList<>()).add(id);
        }
        for (JsonNode child : node.path("subsegments")) {
            add(child, trace, id);
        }
    }

    /** A completed copy wins over an in-progress one; of two completed copies, the later end. */
    private static boolean preferred(JsonNode candidate, JsonNode known) {
        boolean candidateDone = candidate.hasNonNull("end_time");
        boolean knownDone = known.hasNonNull("end_time");
        if (candidateDone != knownDone) {
            return candidateDone;
        }
        return candidateDone
                && candidate.path("end_time").asDouble()
                        > known.path("end_time").asDouble();
    }

    /** What the documents added so far say. */
    Result read() {
        List<Invocation> invocations = new ArrayList<>();
        List<InitPhase> phases = new ArrayList<>();
        int unreadableSegments = withoutId;
        int incomplete = 0;
        for (Map.Entry<String, JsonNode> entry : byId.entrySet()) {
            JsonNode segment = entry.getValue();
            if (!FUNCTION_ORIGIN.equals(segment.path("origin").asText())) {
                continue;
            }
            String function = segment.path("name").asText(null);
            if (function == null || !segment.hasNonNull("end_time")) {
                unreadableSegments++;
                continue;
            }
            String version = version(segment, function);
            long endMs = Math.round(segment.path("end_time").asDouble() * 1000.0);
            Double init = null;
            Double restore = null;
            Double duration = null;
            for (String childId : childrenOf.getOrDefault(entry.getKey(), List.of())) {
                JsonNode child = byId.get(childId);
                String name = child.path("name").asText();
                if (!name.equals(INITIALIZATION) && !name.equals(RESTORE) && !name.equals(INVOCATION)) {
                    continue;
                }
                if (!child.hasNonNull("end_time")) {
                    incomplete++;
                    continue;
                }
                double ms = Milliseconds.between(
                        child.path("start_time").asDouble(),
                        child.path("end_time").asDouble());
                switch (name) {
                    case INITIALIZATION -> init = ms;
                    case RESTORE -> restore = ms;
                    default -> duration = ms;
                }
                if (!name.equals(INVOCATION)) {
                    incomplete += collectPhases(childId, name, function, version, endMs, phases);
                }
            }
            if (duration == null) {
                unreadableSegments++;
                continue;
            }
            invocations.add(new Invocation(
                    function, version, endMs, init != null || restore != null, init, restore, duration, null));
        }
        return new Result(invocations, phases, unreadableSegments, incomplete);
    }

    /** Adds the descendants of {@code parentId} as phases; returns how many were incomplete. */
    private int collectPhases(
            String parentId, String parentPath, String function, String version, long endMs, List<InitPhase> phases) {
        int incomplete = 0;
        for (String childId : childrenOf.getOrDefault(parentId, List.of())) {
            JsonNode child = byId.get(childId);
            String path = parentPath + InitPhase.SEPARATOR + child.path("name").asText("(unnamed)");
            if (child.hasNonNull("end_time") && child.hasNonNull("start_time")) {
                phases.add(new InitPhase(
                        function,
                        version,
                        path,
                        Milliseconds.between(
                                child.path("start_time").asDouble(),
                                child.path("end_time").asDouble()),
                        endMs));
            } else {
                incomplete++;
            }
            incomplete += collectPhases(childId, path, function, version, endMs, phases);
        }
        return incomplete;
    }

    /** The qualifier of the segment's function ARN when it names a version, else {@code $LATEST}. */
    private static String version(JsonNode segment, String function) {
        String arn = segment.path("aws")
                .path("function_arn")
                .asText(segment.path("resource_arn").asText(""));
        String marker = ":function:" + function + ":";
        int at = arn.indexOf(marker);
        if (at < 0) {
            return Invocation.LATEST;
        }
        String qualifier = arn.substring(at + marker.length());
        return qualifier.matches("\\d+|\\$LATEST") ? qualifier : Invocation.LATEST;
    }

    /**
     * What the segments say.
     *
     * @param invocations        one per function segment
     * @param phases             the init breakdown
     * @param unreadableSegments function segments without a name, end or Invocation subsegment, and documents without id
     * @param incomplete         subsegments without an end time, left out
     */
    record Result(List<Invocation> invocations, List<InitPhase> phases, int unreadableSegments, int incomplete) {}
}
