package dev.tally.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tally's HTTP API as the pipeline benchmark calls it: JSON in, {@code (status, JSON)} out.
 *
 * <p>HTTP/1.1 over plain sockets kept alive in a pool, one blocking thread per request in flight
 * (ADR 0126): the JDK {@code HttpClient} it replaces spent ~3 CPU ms per request of the benchmark
 * process on the 2-core machine, as much as a function container's invocation. A request that gets
 * no answer within 30 s fails as a timeout (the benchmark resubmits it with its idempotency key);
 * a request that fails on a pooled connection the server has closed meanwhile is sent once more on
 * a new one (every request here is a GET or an idempotent POST).
 */
final class PipelineClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MILLIS = 30_000;

    /** An answer: the status code and the parsed body (a missing node when the body is not JSON). */
    record Answer(int status, JsonNode body) {}

    private final String host;
    private final int port;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "pipeline-http");
        thread.setDaemon(true);
        return thread;
    });

    PipelineClient(URI api) {
        this.host = api.getHost();
        this.port = api.getPort() < 0 ? 80 : api.getPort();
    }

    CompletableFuture<Answer> send(String method, String path, String token, String body) {
        return send(method, path, token, body, null);
    }

    CompletableFuture<Answer> send(String method, String path, String token, String body, String idempotencyKey) {
        byte[] request = request(method, path, token, body, idempotencyKey);
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return exchange(request);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                threads);
    }

    Answer call(String method, String path, String token, String body) {
        return send(method, path, token, body).join();
    }

    private byte[] request(String method, String path, String token, String body, String idempotencyKey) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\nContent-Length: ")
                .append(content.length)
                .append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (idempotencyKey != null) {
            head.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        return all;
    }

    private Answer exchange(byte[] request) throws IOException {
        Connection pooled = idle.pollFirst();
        if (pooled != null) {
            try {
                return exchange(pooled, request);
            } catch (java.net.SocketTimeoutException e) {
                throw e;
            } catch (IOException staleKeepAlive) {
                // closed by the server while idle: once more on a new connection
            }
        }
        return exchange(new Connection(host, port), request);
    }

    private Answer exchange(Connection connection, byte[] request) throws IOException {
        boolean reusable = false;
        try {
            connection.out.write(request);
            connection.out.flush();
            Connection.Response response = connection.read();
            reusable = response.keepAlive();
            return new Answer(response.status(), parse(response.body()));
        } finally {
            if (reusable) {
                idle.offerFirst(connection);
            } else {
                connection.close();
            }
        }
    }

    /** One keep-alive HTTP/1.1 connection; used by one thread at a time. */
    private static final class Connection {
        record Response(int status, byte[] body, boolean keepAlive) {}

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = socket.getOutputStream();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        Response read() throws IOException {
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
                    case "connection" ->
                        keepAlive = value.contains("keep-alive") || keepAlive && !value.contains("close");
                    default -> {}
                }
            }
            byte[] body = chunked
                    ? chunkedBody()
                    : contentLength >= 0 ? in.readNBytes((int) contentLength) : in.readAllBytes();
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
                // trailers carry nothing the benchmark needs
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

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a finished connection: nothing to recover
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** "12.34" as 1234 (EUR has two fraction digits). */
    static long cents(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    static String amount(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
