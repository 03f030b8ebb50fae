package dev.tally.local.runtime.lambda;

import java.util.Objects;
import java.util.UUID;

/**
 * One request to a function: its request id, the event JSON and the X-Ray trace header passed to
 * the container through {@code Lambda-Runtime-Trace-Id}.
 */
public record Invocation(String requestId, byte[] payload, String traceHeader) {

    public Invocation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(traceHeader, "traceHeader");
    }

    /** A new invocation with a fresh request id and a fresh sampled trace. */
    public static Invocation of(byte[] payload) {
        return new Invocation(UUID.randomUUID().toString(), payload, TraceHeader.newSampled());
    }

    /** A new invocation continuing the given trace header, or a fresh trace when it is null/blank. */
    public static Invocation continuing(byte[] payload, String incomingTraceHeader) {
        String header = incomingTraceHeader == null || incomingTraceHeader.isBlank()
                ? TraceHeader.newSampled()
                : TraceHeader.continuing(incomingTraceHeader);
        return new Invocation(UUID.randomUUID().toString(), payload, header);
    }
}
