package dev.tally.local.sqs;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto's standalone server (the reference the local DynamoDB's conformance suite also uses,
 * installed by {@code .ci/install-references.sh}) as a child process on a free loopback port.
 * Missing or silent, it fails loudly with the command that installs it.
 */
final class MotoServer implements AutoCloseable {

    static final String INSTALL_HINT =
            "Install it with: pip install 'moto[server]==5.2.1' (see .ci/install-references.sh)";
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static MotoServer start(Path logDirectory) {
        Path binary = binary();
        int port = freePort();
        Path log = logDirectory.resolve("moto-sqs.log");
        try {
            Files.createDirectories(logDirectory);
            Process process = new ProcessBuilder(
                            List.of(binary.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("moto_server exited during start: "
                            + Files.readString(log, StandardCharsets.UTF_8) + "\n" + INSTALL_HINT);
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
                } catch (IOException notYet) {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("moto_server did not listen within " + STARTUP_DEADLINE);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "moto_server could not be started: " + e.getMessage() + ". " + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting moto_server", e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    private static Path binary() {
        String override = System.getenv("MOTO_SERVER");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "moto_server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("moto_server is not on the PATH. " + INSTALL_HINT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
