package dev.tally.local.runtime.lambda;

/**
 * What Lambda prints in a {@code REPORT} line, kept as a structured record (one JSON line per
 * invocation in the data directory) for the cold-start report.
 *
 * @param timestamp epoch milliseconds when the invocation ended
 * @param functionName the function
 * @param requestId the invocation's request id
 * @param containerId the container that ran it
 * @param traceId the X-Ray trace id ({@code Root} of the trace header)
 * @param segmentId the function's segment id in the trace ({@code Parent} of the trace header given to the container)
 * @param coldStart whether this invocation initialised its container
 * @param initDurationMs the container's init duration (process start → first {@code next} poll); null when warm
 * @param durationMs the invocation duration (event handed over → response received)
 * @param billedDurationMs the duration rounded up to the millisecond, plus the init duration on a cold start
 * @param memorySizeMb the configured memory
 * @param maxMemoryUsedMb the container's peak resident memory so far
 * @param status {@code success}, {@code error} or {@code timeout}
 * @param errorType the Lambda error type when the status is {@code error}, else null
 */
public record InvocationReport(
        long timestamp,
        String functionName,
        String requestId,
        String containerId,
        String traceId,
        String segmentId,
        boolean coldStart,
        Double initDurationMs,
        double durationMs,
        long billedDurationMs,
        int memorySizeMb,
        long maxMemoryUsedMb,
        String status,
        String errorType) {

    /**
     * Durations kept at the REPORT line's precision (0.01 ms), so the REPORT line, the JSON platform
     * event, the X-Ray segment and this record all say the same number.
     */
    public InvocationReport {
        initDurationMs = initDurationMs == null ? null : Math.round(initDurationMs * 100.0) / 100.0;
        durationMs = Math.round(durationMs * 100.0) / 100.0;
    }

    /** The line Lambda writes to the function's log: {@code REPORT RequestId: … Init Duration: … ms}. */
    public String reportLine() {
        StringBuilder line = new StringBuilder()
                .append("REPORT RequestId: ")
                .append(requestId)
                .append("\tDuration: ")
                .append(String.format(java.util.Locale.ROOT, "%.2f", durationMs))
                .append(" ms")
                .append("\tBilled Duration: ")
                .append(billedDurationMs)
                .append(" ms")
                .append("\tMemory Size: ")
                .append(memorySizeMb)
                .append(" MB")
                .append("\tMax Memory Used: ")
                .append(maxMemoryUsedMb)
                .append(" MB");
        if (initDurationMs != null) {
            line.append("\tInit Duration: ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f", initDurationMs))
                    .append(" ms");
        }
        if (!"success".equals(status)) {
            line.append("\tStatus: ").append(status);
        }
        return line.toString();
    }
}
