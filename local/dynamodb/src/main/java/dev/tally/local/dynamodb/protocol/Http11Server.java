package dev.tally.local.dynamodb.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server: persistent connections, one thread per connection, Content-Length and
 * chunked request bodies, {@code Expect: 100-continue}, and each response written in one piece
 * with TCP_NODELAY (no Nagle/delayed-ACK stalls).
 *
 * <p>Bounded against hostile or broken clients: a connection silent for the idle timeout is closed
 * (idle keep-alive connections cannot hold every thread), a connection beyond the pool answers 503,
 * a body beyond {@link #MAX_BODY} answers 413, a malformed request line, length or chunk size
 * answers 400, and header lines are limited in length and number (431). Sizes are read as
 * {@code long} and range-checked before any allocation.
 *
 * <p>Public for the embedded SQS ({@code local/sqs}, ADR 0173), which serves over this same class
 * instead of a copy; it is not part of the local DynamoDB's API.
 */
public final class Http11Server implements AutoCloseable {

    /** Answers one request. */
    public interface Handler {
        /** The response to one request; header names are lower case. */
        Response handle(String method, Map<String, String> headers, byte[] body);
    }

    /** A response: status, content type, body and extra headers. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {}

    /** The largest request body accepted: DynamoDB's own request limit is 16 MB. */
    public static final int MAX_BODY = 16 * 1024 * 1024;

    private static final int MAX_HEADERS = 100;

    /** A request this server refuses before calling the handler; the connection is then closed. */
    static final class Refusal extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refusal(int status, String problem) {
            super(problem);
            this.status = status;
        }
    }

    private final ServerSocket socket;
    private final ExecutorService connections;
    private final Handler handler;
    private final int idleTimeoutMillis;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Http11Server(ServerSocket socket, ExecutorService connections, Handler handler, int idleTimeoutMillis) {
        this.socket = socket;
        this.connections = connections;
        this.handler = handler;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /**
     * Binds and starts accepting; at most {@code maxConnections} are served at once, and a connection
     * that sends nothing for {@code idleTimeout} (between requests or inside one) is closed.
     */
    static Http11Server start(InetSocketAddress address, int maxConnections, Duration idleTimeout, Handler handler) {
        return start(address, maxConnections, idleTimeout, "local-dynamodb", handler);
    }

    /**
     * As {@link #start(InetSocketAddress, int, Duration, Handler)}, naming the threads
     * {@code <threadPrefix>-accept} and {@code <threadPrefix>-http-N}.
     */
    public static Http11Server start(
            InetSocketAddress address, int maxConnections, Duration idleTimeout, String threadPrefix, Handler handler) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(address, 256);
            AtomicInteger counter = new AtomicInteger();
            ExecutorService connections = new ThreadPoolExecutor(
                    0,
                    maxConnections,
                    60,
                    TimeUnit.SECONDS,
                    new SynchronousQueue<>(),
                    runnable -> {
                        Thread thread = new Thread(runnable, threadPrefix + "-http-" + counter.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    },
                    new ThreadPoolExecutor.AbortPolicy());
            Http11Server server = new Http11Server(socket, connections, handler, (int)
                    Math.max(1, Math.min(Integer.MAX_VALUE, idleTimeout.toMillis())));
            Thread acceptor = new Thread(server::acceptLoop, threadPrefix + "-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + address, e);
        }
    }

    /** The bound port. */
    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            try {
                client.setTcpNoDelay(true);
                client.setSoTimeout(idleTimeoutMillis);
                open.add(client);
                connections.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                open.remove(client);
                refuseBusy(client);
            } catch (IOException | RuntimeException e) {
                open.remove(client);
                closeQuietly(client);
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            serveConnection(client.getInputStream(), client.getOutputStream());
        } catch (IOException e) {
            // the client went away, went silent past the idle timeout, or sent garbage: drop the connection
        } finally {
            open.remove(client);
        }
    }

    /**
     * Serves the requests of one connection until it closes, asks to close, or is refused. Only
     * {@link IOException} escapes (the peer went away or sent something unreadable).
     */
    void serveConnection(InputStream input, OutputStream out) throws IOException {
        RequestInput in = new RequestInput(input);
        while (!closed) {
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            if (requestLine.isEmpty()) {
                continue;
            }
            Response response;
            boolean keepAlive;
            try {
                String[] parts = requestLine.split(" ");
                if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                    throw new Refusal(400, "bad request line");
                }
                Map<String, String> headers = readHeaders(in);
                keepAlive = !parts[2].equals("HTTP/1.0") && !"close".equalsIgnoreCase(headers.get("connection"));
                long length = declaredLength(headers);
                if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                byte[] body = length >= 0 ? in.readBytes((int) length) : readChunked(in);
                response = handler.handle(parts[0], headers, body);
            } catch (Refusal refusal) {
                write(out, plain(refusal.status, refusal.getMessage()), false);
                return;
            }
            write(out, response, keepAlive);
            if (!keepAlive) {
                return;
            }
        }
    }

    private static Map<String, String> readHeaders(RequestInput in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        String line;
        int count = 0;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            if (++count > MAX_HEADERS) {
                throw new Refusal(431, "too many header lines (at most " + MAX_HEADERS + ")");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** The Content-Length (0 when absent), or -1 for a chunked body; refuses what cannot be served. */
    private static long declaredLength(Map<String, String> headers) throws Refusal {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null) {
            if (!"chunked".equalsIgnoreCase(encoding)) {
                throw new Refusal(400, "unsupported Transfer-Encoding: only chunked is accepted");
            }
            return -1;
        }
        String length = headers.get("content-length");
        return length == null ? 0 : checkedSize(parseSize(length, 10, "Content-Length"), 0);
    }

    private static byte[] readChunked(RequestInput in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = in.readLine();
            if (sizeLine == null) {
                throw new EOFException();
            }
            int semicolon = sizeLine.indexOf(';');
            long size = parseSize(semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon), 16, "chunk size");
            if (size == 0) {
                readHeaders(in);
                return body.toByteArray();
            }
            body.write(in.readBytes((int) checkedSize(size, body.size())));
            String end = in.readLine();
            if (end == null) {
                throw new EOFException();
            }
            if (!end.isEmpty()) {
                throw new Refusal(400, "chunk data longer than its size");
            }
        }
    }

    /** A non-negative size in this radix, digits only (no sign), or 400. */
    private static long parseSize(String text, int radix, String what) throws Refusal {
        String digits = text.trim();
        if (digits.isEmpty() || digits.length() > 16) {
            throw new Refusal(400, "bad " + what);
        }
        long size = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), radix);
            if (digit < 0) {
                throw new Refusal(400, "bad " + what);
            }
            size = size * radix + digit;
            if (size > Integer.MAX_VALUE) {
                throw new Refusal(413, "request body too large (at most " + MAX_BODY + " bytes)");
            }
        }
        return size;
    }

    /** The size if {@code already + size} fits in {@link #MAX_BODY}, or 413. */
    private static long checkedSize(long size, long already) throws Refusal {
        if (already + size > MAX_BODY) {
            throw new Refusal(413, "request body too large (at most " + MAX_BODY + " bytes)");
        }
        return size;
    }

    private static Response plain(int status, String message) {
        return new Response(status, "text/plain", message.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Answers a connection the pool has no thread for with 503, without reading its request. */
    private static void refuseBusy(Socket client) {
        try (client) {
            write(client.getOutputStream(), plain(503, "too many connections; retry later"), false);
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void write(OutputStream out, Response response, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ")
                .append(response.status())
                .append(' ')
                .append(reason(response.status()))
                .append("\r\n");
        head.append("Content-Type: ").append(response.contentType()).append("\r\n");
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        response.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        head.append(keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + response.body().length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(response.body(), 0, all, headBytes.length, response.body().length);
        out.write(all);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (SocketException e) {
            // already closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open.forEach(Http11Server::closeQuietly);
        connections.shutdownNow();
    }
}
