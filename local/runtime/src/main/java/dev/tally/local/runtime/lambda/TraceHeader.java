package dev.tally.local.runtime.lambda;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * X-Ray trace headers ({@code Root=1-<epoch hex>-<96 bit hex>;Parent=<64 bit hex>;Sampled=1}),
 * in the format Lambda passes through {@code Lambda-Runtime-Trace-Id}.
 */
public final class TraceHeader {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private TraceHeader() {}

    /** A new root trace, sampled, with a new parent segment id. */
    public static String newSampled() {
        return "Root=" + newTraceId() + ";Parent=" + newSegmentId() + ";Sampled=1";
    }

    /** The given header's root (and sampling) kept, with a new parent segment id for the function. */
    public static String continuing(String incoming) {
        String root = field(incoming, "Root");
        if (root == null || !root.matches("1-[0-9a-f]{8}-[0-9a-f]{24}")) {
            return newSampled();
        }
        String sampled = field(incoming, "Sampled");
        return "Root=" + root + ";Parent=" + newSegmentId() + ";Sampled=" + ("0".equals(sampled) ? "0" : "1");
    }

    /** The value of one {@code key=value} field of a trace header, or null. */
    public static String field(String header, String key) {
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(key)) {
                return part.substring(eq + 1).trim();
            }
        }
        return null;
    }

    static String newTraceId() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "1-" + String.format("%08x", System.currentTimeMillis() / 1000) + "-" + HEX.formatHex(random);
    }

    static String newSegmentId() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return HEX.formatHex(random);
    }
}
