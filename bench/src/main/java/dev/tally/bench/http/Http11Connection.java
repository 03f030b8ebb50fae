package dev.tally.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 client connection over a plain socket with TCP_NODELAY, for the benchmarks'
 * own clients: they write pre-built requests and read just the status, the body (by length or
 * chunked) and whether the connection may be reused, so the benchmark process spends microseconds,
 * not the JDK or SDK client's milliseconds, per request (ADR 0042, ADR 0126). Used by one thread at a
 * time.
 */
public final class Http11Connection implements AutoCloseable {

    /** A response: its status code, its body bytes, and whether the connection may carry the next request. */
    public record Response(int status, byte[] body, boolean keepAlive) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects to {@code host:port}; a response that takes longer than {@code readTimeoutMillis} fails the read. */
    public Http11Connection(String host, int port, int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The request bytes: {@code head} (request line and headers, ending with the blank line) then {@code body}. */
    public static byte[] request(String head, byte[] body) {
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** Writes one request and reads its response. */
    public Response exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean keepAlive = parts[0].equals("HTTP/1.1");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> keepAlive = value.contains("keep-alive") || keepAlive && !value.contains("close");
                default -> {}
            }
        }
        byte[] body =
                chunked ? chunkedBody() : contentLength >= 0 ? in.readNBytes((int) contentLength) : in.readAllBytes();
        if (contentLength >= 0 && body.length != contentLength) {
            throw new EOFException("response body cut short");
        }
        return new Response(status, body, keepAlive && (chunked || contentLength >= 0));
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                size > 0;
                size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
            // trailers carry nothing the benchmarks need
        }
        return body.toByteArray();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a finished connection: nothing to recover
        }
    }
}
