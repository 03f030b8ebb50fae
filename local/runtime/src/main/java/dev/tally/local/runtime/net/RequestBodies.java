package dev.tally.local.runtime.net;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads request bodies up to a limit, so that a client cannot make a local server buffer without bound. */
public final class RequestBodies {

    private RequestBodies() {}

    /**
     * The request body, or empty if it is longer than {@code maxBytes} (by its {@code Content-Length}
     * before anything is buffered, or while reading a chunked body). The rest of a refused body is
     * read and thrown away, up to as much again as the limit, so that the client, still sending,
     * sees the answer rather than a reset connection; beyond that the connection is dropped.
     */
    public static Optional<byte[]> read(HttpExchange exchange, int maxBytes) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null && declaredLength(declared) > maxBytes) {
                discard(in, maxBytes);
                return Optional.empty();
            }
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                discard(in, maxBytes);
                return Optional.empty();
            }
            return Optional.of(body);
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // the JDK server rejects a malformed Content-Length itself
        }
    }

    private static void discard(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = atMost;
        for (int read = 0; left > 0 && read >= 0; left -= Math.max(read, 0)) {
            read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        }
    }
}
