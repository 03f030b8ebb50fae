package dev.tally.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's keep-alive HTTP/1.1 client against a plain socket server that counts connections. */
class PipelineClientTest {

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    /** How the test server answers: closes after the first answer of a connection, or answers chunked. */
    private volatile boolean closeAfterAnswer;

    private volatile boolean chunked;

    private URI start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread serve = new Thread(() -> serve(socket));
                    serve.setDaemon(true);
                    serve.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            for (String requestLine = in.readLine(); requestLine != null; requestLine = in.readLine()) {
                requestLines.add(requestLine);
                int length = 0;
                for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
                    if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                for (int read = 0; read < length; ) {
                    read += in.read(body, read, length - read);
                }
                String json = "{\"echo\":\"" + requestLine + "\",\"length\":" + length + "}";
                String answer = chunked
                        ? "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n"
                        : "HTTP/1.1 200 OK\r\nContent-Length: " + json.length() + "\r\n\r\n" + json;
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (closeAfterAnswer) {
                    return;
                }
            }
        } catch (IOException | RuntimeException closed) {
            // the client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void call_whenCalledInSequence_reusesOneConnection() throws IOException {
        PipelineClient client = new PipelineClient(start());

        for (int i = 0; i < 5; i++) {
            PipelineClient.Answer answer = client.call("GET", "/summary", "token", null);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("echo").asText()).isEqualTo("GET /summary HTTP/1.1");
        }

        assertThat(connections).hasValue(1);
    }

    @Test
    void send_whenBodyAndIdempotencyKey_sendsTheWholeBody() throws IOException {
        chunked = true;
        PipelineClient client = new PipelineClient(start());

        PipelineClient.Answer answer =
                client.send("POST", "/debts", "token", "{\"a\":\"é\"}", "key-1").join();

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().path("length").asInt())
                .isEqualTo("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void call_whenTheServerClosedAnIdleConnection_sendsAgainOnANewOne() throws IOException {
        closeAfterAnswer = true;
        PipelineClient client = new PipelineClient(start());

        assertThat(client.call("GET", "/commands/1", "token", null).status()).isEqualTo(200);
        assertThat(client.call("GET", "/commands/2", "token", null).status()).isEqualTo(200);

        assertThat(connections).hasValue(2);
        assertThat(requestLines).endsWith("GET /commands/2 HTTP/1.1");
    }
}
