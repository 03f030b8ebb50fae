package dev.tally.local.runtime.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the X-Ray API (REST-JSON) that cold-start analysis uses, over the segment documents
 * the local X-Ray daemon stored in {@code traces.jsonl}: {@code GetTraceSummaries} (POST
 * {@code /TraceSummaries}: traces that started in the time range, filtered, paginated) and
 * {@code BatchGetTraces} (POST {@code /Traces}: at most five trace ids, each trace's documents).
 *
 * <p>Filter expressions: none, or {@code service(id(name: "N", type: "T"))} / {@code service(id(type: "T"))}
 * terms joined with {@code OR}; anything else is refused with the expression named.
 */
final class LocalXRayApi {

    static final int MAX_TRACE_IDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVICE_TERM = Pattern.compile(
            "service\\(\\s*id\\(\\s*(?:name:\\s*\"([^\"]*)\"\\s*,\\s*)?type:\\s*\"([^\"]*)\"\\s*\\)\\s*\\)");

    private final Path tracesFile;
    private final int pageSize;

    LocalXRayApi(Path tracesFile, int pageSize) {
        this.tracesFile = tracesFile;
        this.pageSize = pageSize;
    }

    ApiResponse handle(String path, JsonNode request) {
        return switch (path) {
            case "/TraceSummaries" -> traceSummaries(request);
            case "/Traces" -> batchGetTraces(request);
            default ->
                ApiResponse.error(
                        "InvalidRequestException",
                        "The local X-Ray API serves GetTraceSummaries and BatchGetTraces only, not " + path + ".");
        };
    }

    private ApiResponse traceSummaries(JsonNode request) {
        if (!request.hasNonNull("StartTime") || !request.hasNonNull("EndTime")) {
            return ApiResponse.error("InvalidRequestException", "StartTime and EndTime are required.");
        }
        double start = request.get("StartTime").asDouble();
        double end = request.get("EndTime").asDouble();
        List<String[]> terms;
        try {
            terms = filter(request.path("FilterExpression").asText(""));
        } catch (IllegalArgumentException unsupported) {
            return ApiResponse.error("InvalidRequestException", unsupported.getMessage());
        }
        int offset = Pages.offset(request.path("NextToken").asText(null));
        if (offset < 0) {
            return ApiResponse.error("InvalidRequestException", "NextToken is not a token this API returned.");
        }
        List<Trace> matching = new ArrayList<>();
        for (Trace trace : traces().values()) {
            if (trace.start() >= start && trace.start() < end && trace.matches(terms)) {
                matching.add(trace);
            }
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode summaries = response.putArray("TraceSummaries");
        for (Trace trace : Pages.page(matching, offset, pageSize)) {
            summaries
                    .addObject()
                    .put("Id", trace.id())
                    .put("StartTime", trace.start())
                    .put("Duration", trace.end() - trace.start())
                    .put("ResponseTime", trace.end() - trace.start())
                    .put("HasFault", false)
                    .put("HasError", trace.error())
                    .put("HasThrottle", false)
                    .put("IsPartial", false);
        }
        response.put("ApproximateTime", end);
        response.put("TracesProcessedCount", matching.size());
        String next = Pages.next(matching, offset, pageSize);
        if (next != null) {
            response.put("NextToken", next);
        }
        return ApiResponse.ok(response);
    }

    private ApiResponse batchGetTraces(JsonNode request) {
        JsonNode ids = request.path("TraceIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_TRACE_IDS) {
            return ApiResponse.error(
                    "InvalidRequestException",
                    "TraceIds must hold 1 to " + MAX_TRACE_IDS + " trace ids, had " + ids.size() + ".");
        }
        Map<String, Trace> traces = traces();
        ObjectNode response = JSON.createObjectNode();
        ArrayNode found = response.putArray("Traces");
        ArrayNode unprocessed = response.putArray("UnprocessedTraceIds");
        for (JsonNode id : ids) {
            Trace trace = traces.get(id.asText());
            if (trace == null) {
                unprocessed.add(id.asText());
                continue;
            }
            ObjectNode out = found.addObject()
                    .put("Id", trace.id())
                    .put("Duration", trace.end() - trace.start())
                    .put("LimitExceeded", false);
            ArrayNode segments = out.putArray("Segments");
            trace.documents()
                    .forEach(document -> segments.addObject()
                            .put("Id", document.path("id").asText())
                            .put("Document", document.toString()));
        }
        return ApiResponse.ok(response);
    }

    /** OR-ed terms, each [name or null, type]; empty for no filter. */
    private static List<String[]> filter(String expression) {
        List<String[]> terms = new ArrayList<>();
        if (expression.isBlank()) {
            return terms;
        }
        for (String part : expression.split("\\s+OR\\s+")) {
            Matcher matcher = SERVICE_TERM.matcher(part.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException(
                        "The local X-Ray API filters on service(id(name: \"N\", type: \"T\")) "
                                + "terms joined with OR only, not: " + part.trim());
            }
            terms.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return terms;
    }

    private Map<String, Trace> traces() {
        Map<String, Trace> traces = new LinkedHashMap<>();
        if (!Files.isRegularFile(tracesFile)) {
            return traces;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(tracesFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return traces;
        }
        for (String line : lines) {
            JsonNode document;
            try {
                document = JSON.readTree(line);
            } catch (IOException notJson) {
                continue;
            }
            String traceId = document == null ? null : document.path("trace_id").asText(null);
            if (traceId != null) {
                traces.computeIfAbsent(traceId, Trace::new).add(document);
            }
        }
        return traces;
    }

    /** One trace's documents, its time span and the segments' names and origins. */
    private static final class Trace {
        private final String id;
        private final List<JsonNode> documents = new ArrayList<>();
        private double start = Double.MAX_VALUE;
        private double end;
        private boolean error;

        Trace(String id) {
            this.id = id;
        }

        void add(JsonNode document) {
            documents.add(document);
            if (document.hasNonNull("start_time")) {
                start = Math.min(start, document.get("start_time").asDouble());
            }
            if (document.hasNonNull("end_time")) {
                end = Math.max(end, document.get("end_time").asDouble());
            }
            error |= document.path("error").asBoolean(false)
                    || document.path("fault").asBoolean(false);
        }

        boolean matches(List<String[]> terms) {
            if (terms.isEmpty()) {
                return true;
            }
            for (String[] service : terms) {
                for (JsonNode document : documents) {
                    if (service[1].equals(document.path("origin").asText())
                            && (service[0] == null
                                    || service[0].equals(document.path("name").asText()))) {
                        return true;
                    }
                }
            }
            return false;
        }

        String id() {
            return id;
        }

        List<JsonNode> documents() {
            return documents;
        }

        double start() {
            return start;
        }

        double end() {
            return Math.max(end, start);
        }

        boolean error() {
            return error;
        }
    }
}
