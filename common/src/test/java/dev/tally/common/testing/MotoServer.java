package dev.tally.common.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code moto_server} (the moto project's AWS mock) as a child process on a free loopback port: the
 * reference DynamoDB for tests, reachable for everything else moto mocks (e.g. Secrets Manager).
 *
 * <p>It fails loudly, never skips: when the executable is missing or the server does not answer
 * within 30 s, {@link #start()} throws with the server's own output. The executable is
 * {@code moto_server} on the {@code PATH} unless the {@code MOTO_SERVER} environment variable or
 * {@code moto.server} system property names another.
 */
public final class MotoServer implements DynamoDbEndpoint {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 3;

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Thread shutdownHook;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcess, "moto-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server and waits until it answers HTTP. */
    public static MotoServer start() {
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return startOnce(LoopbackPorts.freePort());
            } catch (IllegalStateException failed) {
                lastFailure = failed; // most likely a port taken between choosing and binding: try another
            }
        }
        throw lastFailure;
    }

    private static MotoServer startOnce(int port) {
        String executable = executable();
        Path log = tempLog();
        Process process;
        try {
            process = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException notFound) {
            throw new IllegalStateException(
                    "Cannot run '" + executable + "': install moto with its server extra "
                            + "(pip install 'moto[server]') or set MOTO_SERVER to the moto_server executable",
                    notFound);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            await("moto_server answering on " + endpoint)
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> !process.isAlive() || answers(http, endpoint));
        } catch (ConditionTimeoutException timeout) {
            destroy(process);
            throw new IllegalStateException(
                    "moto_server did not answer on " + endpoint + " within " + START_TIMEOUT + "; its output:\n"
                            + tail(log),
                    timeout);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("moto_server exited with " + process.exitValue() + " before answering on "
                    + endpoint + "; its output:\n" + tail(log));
        }
        return new MotoServer(process, endpoint, log);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "moto_server pid " + process.pid() + " on " + endpoint;
    }

    /** The process id of the server. */
    public long pid() {
        return process.pid();
    }

    /** The server's combined output so far (for diagnosing a failing test). */
    public String output() {
        return tail(log);
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    private void stopProcess() {
        destroy(process);
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private static void destroy(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean answers(HttpClient http, URI endpoint) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(2))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() < 500;
    }

    private static String executable() {
        String property = System.getProperty("moto.server");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String variable = System.getenv("MOTO_SERVER");
        return variable != null && !variable.isBlank() ? variable : "moto_server";
    }

    private static Path tempLog() {
        try {
            Path log = Files.createTempFile("moto-server-", ".log");
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
        } catch (IOException unreadable) {
            return "(output unreadable: " + unreadable.getClass().getSimpleName() + ")";
        }
    }
}
