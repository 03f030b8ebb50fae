package dev.tally.ops.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.xray.XRayClient;
import software.amazon.awssdk.services.xray.model.BatchGetTracesRequest;
import software.amazon.awssdk.services.xray.model.BatchGetTracesResponse;
import software.amazon.awssdk.services.xray.model.GetTraceSummariesRequest;
import software.amazon.awssdk.services.xray.model.GetTraceSummariesResponse;
import software.amazon.awssdk.services.xray.model.Segment;
import software.amazon.awssdk.services.xray.model.Trace;
import software.amazon.awssdk.services.xray.model.TraceSummary;

/**
 * {@code --source xray}: {@code GetTraceSummaries} over the window, split into windows of at most
 * {@link #MAX_WINDOW} (what the API accepts per call) and paginated, filtered to Lambda function
 * segments (and the selected functions); then {@code BatchGetTraces} in batches of
 * {@link #BATCH_SIZE} (the API's maximum), and the {@code AWS::Lambda::Function} segments read by
 * {@link SegmentReader}.
 */
final class XRaySource {

    /** The longest time range one GetTraceSummaries call is given. */
    static final Duration MAX_WINDOW = Duration.ofHours(6);
    /** How far back X-Ray keeps traces. */
    static final Duration RETENTION = Duration.ofDays(30);
    /** BatchGetTraces takes at most five trace ids. */
    static final int BATCH_SIZE = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private XRaySource() {}

    static ColdStartData load(XRayClient xray, Selection selection, Instant now) {
        List<String> notes = new ArrayList<>();
        notes.add(
                "X-Ray traces are sampled (by default the first request each second and 5% of the rest per host):"
                        + " counts and the cold ratio cover the sampled invocations only; --source logs counts every invocation");
        Instant start = selection.start();
        if (start.isBefore(now.minus(RETENTION))) {
            start = now.minus(RETENTION);
            notes.add("X-Ray keeps traces 30 days: the window starts at " + start);
        }
        Set<String> traceIds = new LinkedHashSet<>();
        String filter = filterExpression(selection.functions());
        for (Instant from = start; from.isBefore(selection.end()); from = from.plus(MAX_WINDOW)) {
            Instant to = from.plus(MAX_WINDOW).isBefore(selection.end()) ? from.plus(MAX_WINDOW) : selection.end();
            String token = null;
            do {
                GetTraceSummariesResponse page = xray.getTraceSummaries(GetTraceSummariesRequest.builder()
                        .startTime(from)
                        .endTime(to)
                        .filterExpression(filter)
                        .nextToken(token)
                        .build());
                page.traceSummaries().stream().map(TraceSummary::id).forEach(traceIds::add);
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        }
        SegmentReader segments = new SegmentReader();
        int unreadableDocuments = 0;
        Set<String> unprocessed = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>(traceIds);
        for (int at = 0; at < ids.size(); at += BATCH_SIZE) {
            List<String> batch = ids.subList(at, Math.min(at + BATCH_SIZE, ids.size()));
            String token = null;
            do {
                BatchGetTracesResponse page = xray.batchGetTraces(BatchGetTracesRequest.builder()
                        .traceIds(batch)
                        .nextToken(token)
                        .build());
                for (Trace trace : page.traces()) {
                    for (Segment segment : trace.segments()) {
                        try {
                            segments.add(JSON.readTree(segment.document()));
                        } catch (IOException | RuntimeException notJson) {
                            unreadableDocuments++;
                        }
                    }
                }
                unprocessed.addAll(page.unprocessedTraceIds());
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        }
        SegmentReader.Result result = segments.read();
        Map<String, Integer> unreadable = new LinkedHashMap<>();
        unreadable.put("segment documents", unreadableDocuments);
        unreadable.put("function segments", result.unreadableSegments());
        unreadable.put("incomplete subsegments", result.incomplete());
        unreadable.put("traces not returned (UnprocessedTraceIds)", unprocessed.size());
        notes.add(traceIds.size() + " trace(s) in the window, read in " + (ids.size() + BATCH_SIZE - 1) / BATCH_SIZE
                + " BatchGetTraces call(s)");
        return new ColdStartData("xray", result.invocations(), result.phases(), unreadable, notes)
                .select(new Selection(start, selection.end(), selection.functions(), selection.version()));
    }

    /** Traces through a Lambda function segment; of the named functions when there are some. */
    static String filterExpression(Set<String> functions) {
        if (functions.isEmpty()) {
            return "service(id(type: \"" + SegmentReader.FUNCTION_ORIGIN + "\"))";
        }
        return functions.stream()
                .sorted()
                .map(function -> "service(id(name: \"" + function.replace("\"", "") + "\", type: \""
                        + SegmentReader.FUNCTION_ORIGIN + "\"))")
                .collect(Collectors.joining(" OR "));
    }
}
