package dev.tally.local.dynamodb.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes the HTTP/1.1 request parsing of the embedded DynamoDB's server: the input is the raw byte
 * stream of one connection. Property: only an {@link IOException} (peer gone, unreadable) may
 * escape; everything written back is a sequence of well-formed responses with a status the server
 * means to send; no handler ever sees a body over the cap.
 *
 * <p>{@code mvn verify} replays the committed inputs under
 * {@code src/test/resources/dev/tally/local/dynamodb/protocol/Http11ServerFuzzTestInputs/connection/};
 * {@code JAZZER_FUZZ=1} fuzzes (see the README's fuzzing section).
 */
class Http11ServerFuzzTest {

    private static final Set<Integer> STATUSES = Set.of(100, 200, 400, 413, 431);
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) [A-Za-z ]+\r\n");
    private static final Http11Server SERVER = Http11Server.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            1,
            Duration.ofSeconds(1),
            (method, headers, body) -> {
                if (body.length > Http11Server.MAX_BODY) {
                    throw new AssertionError("the handler got a body of " + body.length + " bytes");
                }
                return new Http11Server.Response(
                        200, "text/plain", ("got " + body.length).getBytes(StandardCharsets.UTF_8), Map.of());
            });

    @FuzzTest(maxDuration = "2m")
    void connection(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SERVER.serveConnection(new ByteArrayInputStream(input), out);
        } catch (IOException e) {
            // the connection ended mid-request or was unreadable: dropped, which is allowed
        }
        checkResponses(out.toString(StandardCharsets.ISO_8859_1));
    }

    private static void checkResponses(String written) {
        int at = 0;
        while (at < written.length()) {
            Matcher status = STATUS_LINE.matcher(written).region(at, written.length());
            if (!status.lookingAt()) {
                throw new AssertionError("not a status line at " + at + ": "
                        + written.substring(at, Math.min(written.length(), at + 60)));
            }
            int code = Integer.parseInt(status.group(1));
            if (!STATUSES.contains(code)) {
                throw new AssertionError("unexpected status " + code);
            }
            int headEnd = written.indexOf("\r\n\r\n", at);
            if (headEnd < 0) {
                throw new AssertionError("response head without its blank line");
            }
            if (code == 100) {
                at = headEnd + 4;
                continue;
            }
            Matcher length = Pattern.compile("\r\nContent-Length: (\\d+)\r\n")
                    .matcher(written)
                    .region(at, headEnd + 2);
            if (!length.find()) {
                throw new AssertionError("response without Content-Length");
            }
            at = headEnd + 4 + Integer.parseInt(length.group(1));
            if (at > written.length()) {
                throw new AssertionError("response body shorter than its Content-Length");
            }
        }
    }
}
