package dev.tally.local.dynamodb.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Buffered reading of HTTP/1.1 request lines and bodies from one connection (one thread). */
final class RequestInput {

    private static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    RequestInput(InputStream in) {
        this.in = in;
    }

    /** The next line without its CR LF; null at end of stream before any byte. */
    String readLine() throws IOException {
        ByteArrayOutputStream spill = null;
        while (true) {
            if (position == limit && !fill()) {
                if (spill == null) {
                    return null;
                }
                return spill.toString(StandardCharsets.ISO_8859_1);
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (position < limit) {
                int end = position;
                position++;
                if (spill == null) {
                    if (end > start && buffer[end - 1] == '\r') {
                        end--;
                    }
                    return new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
                }
                spill.write(buffer, start, end - start);
                String line = spill.toString(StandardCharsets.ISO_8859_1);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
            if (spill == null) {
                spill = new ByteArrayOutputStream();
            }
            spill.write(buffer, start, position - start);
            if (spill.size() > MAX_LINE) {
                throw new Http11Server.Refusal(431, "request or header line too long (at most " + MAX_LINE + " bytes)");
            }
        }
    }

    /**
     * Exactly {@code length} bytes. Memory grows with the bytes that arrive, not with the length
     * announced, so a large declared length that never comes costs nothing.
     */
    byte[] readBytes(int length) throws IOException {
        int buffered = Math.min(length, limit - position);
        if (buffered == length) {
            byte[] bytes = new byte[length];
            System.arraycopy(buffer, position, bytes, 0, length);
            position += length;
            return bytes;
        }
        byte[] rest = in.readNBytes(length - buffered);
        if (rest.length < length - buffered) {
            throw new EOFException();
        }
        byte[] bytes = new byte[length];
        System.arraycopy(buffer, position, bytes, 0, buffered);
        System.arraycopy(rest, 0, bytes, buffered, rest.length);
        position += buffered;
        return bytes;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
