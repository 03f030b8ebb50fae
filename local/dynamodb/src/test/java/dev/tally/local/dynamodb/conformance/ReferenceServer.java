package dev.tally.local.dynamodb.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A reference implementation (moto or dynoxide) run as a child process on a free loopback port.
 *
 * <p>A reference that cannot be found or does not answer fails loudly with the command that installs it:
 * the issue demands that CI fails rather than silently comparing against fewer servers.
 */
final class ReferenceServer implements DynamoDbEndpoint {

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final URI endpoint;

    private ReferenceServer(String name, Process process, URI endpoint) {
        this.name = name;
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts moto's standalone server. */
    static ReferenceServer moto(Path logDirectory) {
        Path binary = ReferenceBinaries.moto();
        return start(
                "moto",
                port -> List.of(binary.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port)),
                logDirectory);
    }

    /** Starts dynoxide (in memory). */
    static ReferenceServer dynoxide(Path logDirectory) {
        Path binary = ReferenceBinaries.dynoxide();
        return start(
                "dynoxide",
                port -> List.of(binary.toString(), "serve", "--host", "127.0.0.1", "--port", String.valueOf(port)),
                logDirectory);
    }

    private static ReferenceServer start(String name, IntFunction<List<String>> command, Path logDirectory) {
        int port = freePort();
        Path log = logDirectory.resolve(name + ".log");
        try {
            Files.createDirectories(logDirectory);
            Process process = new ProcessBuilder(new ArrayList<>(command.apply(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitListening(name, process, port, log);
            return new ReferenceServer(name, process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException failure) {
            throw new IllegalStateException(
                    "reference '" + name + "' could not be started: " + failure.getMessage() + ". "
                            + ReferenceBinaries.INSTALL_HINT,
                    failure);
        }
    }

    private static void awaitListening(String name, Process process, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("reference '" + name + "' exited with code " + process.exitValue()
                        + " during start; its output:\n" + tail(log) + "\n" + ReferenceBinaries.INSTALL_HINT);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + name, interrupted);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("reference '" + name + "' did not listen on port " + port + " within "
                + STARTUP_DEADLINE.toSeconds() + " s; its output:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new IllegalStateException("no free loopback port", failure);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
