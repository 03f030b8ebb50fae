package dev.tally.local.runtime.xray;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.runtime.lambda.InvocationReport;
import dev.tally.local.runtime.lambda.PlatformLog;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What Lambda itself contributes to a trace: for each invocation, an {@code AWS::Lambda::Function}
 * segment whose id is the {@code Parent} the container was given (so the function's own
 * subsegments, e.g. Powertools' {@code ## handleRequest} with its {@code ColdStart} annotation,
 * hang under it), with an {@code Initialization} subsegment on a cold start and an
 * {@code Invocation} subsegment. Decorates a {@link PlatformLog}; the segments go to the X-Ray sink.
 */
public final class FunctionSegments implements PlatformLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PlatformLog delegate;
    private final XRayDaemonSink sink;
    private final String region;

    public FunctionSegments(PlatformLog delegate, XRayDaemonSink sink, String region) {
        this.delegate = delegate;
        this.sink = sink;
        this.region = region;
    }

    @Override
    public void functionOutput(String functionName, String line) {
        delegate.functionOutput(functionName, line);
    }

    @Override
    public void platform(String functionName, String line) {
        delegate.platform(functionName, line);
    }

    @Override
    public void report(InvocationReport report) {
        delegate.report(report);
        if (report.traceId() == null
                || report.segmentId() == null
                || (report.coldStart() && report.initDurationMs() == null)) {
            return; // untraced, or the init failed: no function segment with an Invocation
        }
        double end = report.timestamp() / 1000.0;
        double invocationStart = end - report.durationMs() / 1000.0;
        double start =
                report.initDurationMs() == null ? invocationStart : invocationStart - report.initDurationMs() / 1000.0;
        ObjectNode segment = JSON.createObjectNode();
        segment.put("name", report.functionName());
        segment.put("id", report.segmentId());
        segment.put("trace_id", report.traceId());
        segment.put("origin", "AWS::Lambda::Function");
        segment.put("start_time", start);
        segment.put("end_time", end);
        if (!"success".equals(report.status())) {
            segment.put("error", true);
        }
        segment.putObject("aws").put("region", region).put("request_id", report.requestId());
        ArrayNode subsegments = segment.putArray("subsegments");
        if (report.initDurationMs() != null) {
            subsegments
                    .addObject()
                    .put("name", "Initialization")
                    .put("id", initializationId(report.segmentId()))
                    .put("start_time", start)
                    .put("end_time", invocationStart);
        }
        subsegments
                .addObject()
                .put("name", "Invocation")
                .put("id", newId())
                .put("start_time", invocationStart)
                .put("end_time", end);
        sink.store(segment.toString());
    }

    /**
     * The id of the {@code Initialization} subsegment of a function segment: derived from the segment
     * id, so the sink can hang the function's own init subsegments ({@code Init config}, …, sent
     * during the first invocation, before this segment is written) under it.
     */
    public static String initializationId(String segmentId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("Initialization:" + segmentId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
