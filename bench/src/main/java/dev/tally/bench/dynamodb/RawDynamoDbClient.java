package dev.tally.bench.dynamodb;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal DynamoDB JSON 1.0 client: pre-serialised bodies over one keep-alive HTTP/1.1 socket, with the headers the
 * servers read ({@code X-Amz-Target}, {@code X-Amz-Date}, a syntactically valid but unsigned {@code Authorization}).
 * It costs the benchmark a few microseconds per request instead of the SDK's marshalling and signing, so the
 * servers, not the client, bound the measurement. One instance per thread: it is not thread-safe.
 */
final class RawDynamoDbClient implements AutoCloseable {

    private static final String AUTHORIZATION =
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request,"
                    + " SignedHeaders=host;x-amz-date;x-amz-target, Signature=0";
    private static final Pattern ERROR_TYPE = Pattern.compile("\"__type\"\\s*:\\s*\"([^\"]*)\"");

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawDynamoDbClient(URI endpoint) {
        this.host = endpoint.getHost();
        this.port = endpoint.getPort();
    }

    /**
     * Sends {@code DynamoDB_20120810.<operation>} with the given JSON body and returns the response body.
     *
     * @throws IllegalStateException when the status is not 200 (naming the status and the error {@code __type})
     */
    String call(String operation, String jsonBody) {
        byte[] request = request(operation, jsonBody.getBytes(StandardCharsets.UTF_8));
        Response response;
        try {
            response = exchange(request);
        } catch (IOException staleKeepAlive) {
            close();
            try {
                response = exchange(request);
            } catch (IOException failure) {
                close();
                throw new UncheckedIOException(operation + " to " + host + ":" + port + " failed", failure);
            }
        }
        if (response.status() != 200) {
            Matcher type = ERROR_TYPE.matcher(response.body());
            throw new IllegalStateException(
                    operation + " answered HTTP " + response.status() + (type.find() ? " " + type.group(1) : ""));
        }
        return response.body();
    }

    private byte[] request(String operation, byte[] body) {
        String head = "POST / HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810." + operation
                + "\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: " + AUTHORIZATION
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private record Response(int status, String body) {}

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
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
        if (!keepAlive || (!chunked && contentLength < 0)) {
            close();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
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

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a finished connection: nothing to recover
            }
            socket = null;
        }
    }
}
