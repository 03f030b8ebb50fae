package dev.tally.local.dynamodb.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Http11ServerTest {

    private final List<Socket> sockets = new ArrayList<>();
    private Http11Server server;

    private void start(int maxConnections, Duration idleTimeout) throws IOException {
        server = Http11Server.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                maxConnections,
                idleTimeout,
                (method, headers, body) -> new Http11Server.Response(
                        200, "text/plain", ("got " + body.length).getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        return socket;
    }

    /** Sends raw bytes and returns everything the server answered before closing (or the first response). */
    private String exchange(String request) throws IOException {
        Socket socket = connect();
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return readResponse(socket.getInputStream());
    }

    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int read;
        try {
            while ((read = in.read(buffer)) > 0) {
                answer.write(buffer, 0, read);
                String text = answer.toString(StandardCharsets.ISO_8859_1);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd > 0) {
                    int lengthAt = text.toLowerCase().indexOf("content-length: ");
                    int length = Integer.parseInt(text.substring(lengthAt + 16, text.indexOf("\r\n", lengthAt)));
                    if (answer.size() >= headEnd + 4 + length) {
                        return text;
                    }
                }
            }
        } catch (java.net.SocketException e) {
            // reset by the server: return what was answered
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    private static String post(String headers, String body) {
        return "POST / HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n" + body;
    }

    @Test
    void chunkedBody_isReassembled() throws IOException {
        start(4, Duration.ofSeconds(30));
        String answer = exchange(post("Transfer-Encoding: chunked\r\n", "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("got 5");
    }

    @ParameterizedTest(name = "chunk size {0} -> {1}")
    @CsvSource({
        "-1, 400",
        "+5, 400",
        "zz, 400",
        "'', 400",
        "7fffffff, 413",
        "80000000, 413",
        "ffffffffffffffff, 413",
        "1ffffffffffffffff, 400",
        "1000001, 413",
    })
    void hostileChunkSize_isRefusedCleanly(String size, int status) throws IOException {
        start(4, Duration.ofSeconds(30));
        String answer = exchange(post("Transfer-Encoding: chunked\r\n", size + "\r\nabc\r\n0\r\n\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
    }

    @Test
    void chunksAddingUpPastTheCap_areRefusedWith413() throws IOException {
        start(4, Duration.ofSeconds(30));
        String answer = exchange(post("Transfer-Encoding: chunked\r\n", "a\r\n0123456789\r\nfffffff\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 413 ");
    }

    @ParameterizedTest(name = "Content-Length {0} -> {1}")
    @CsvSource({
        "-1, 400",
        "abc, 400",
        "99999999999, 413",
        "16777217, 413",
    })
    void hostileContentLength_isRefusedCleanly(String length, int status) throws IOException {
        start(4, Duration.ofSeconds(30));
        String answer = exchange(post("Content-Length: " + length + "\r\n", "abc"));
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
    }

    @Test
    void tooManyHeaderLines_areRefusedWith431() throws IOException {
        start(4, Duration.ofSeconds(30));
        String answer = exchange(post("X-A: b\r\n".repeat(200) + "Content-Length: 0\r\n", ""));
        assertThat(answer).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void badRequestLine_isRefusedWith400() throws IOException {
        start(4, Duration.ofSeconds(30));
        assertThat(exchange("HELLO\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void connectionBeyondThePool_isAnswered503() throws IOException {
        start(1, Duration.ofSeconds(30));
        Socket holder = connect();
        holder.getOutputStream().write(post("Content-Length: 0\r\n", "").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(readResponse(holder.getInputStream())).startsWith("HTTP/1.1 200");

        assertThat(exchange(post("Content-Length: 0\r\n", ""))).startsWith("HTTP/1.1 503 ");
    }

    @Test
    void idleConnections_areClosed_soTheyCannotExhaustThePool() throws IOException {
        start(2, Duration.ofMillis(300));
        Socket idleOne = connect();
        Socket idleTwo = connect();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(exchange(post("Content-Length: 0\r\n", ""))).startsWith("HTTP/1.1 200"));
        assertThat(idleOne.getInputStream().read()).isEqualTo(-1);
        assertThat(idleTwo.getInputStream().read()).isEqualTo(-1);
    }
}
