package dev.tally.bench.dynamodb;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A reference implementation (moto or dynoxide) run as a child process on a loopback port. */
record ProcessTarget(String name, Process process, URI endpoint) implements BenchTarget {

    static final String INSTALL_HINT =
            "run .ci/install-references.sh (dynoxide into .references/, moto_server on the PATH)";

    static ProcessTarget moto(int port) {
        Path binary = onPath("moto_server")
                .orElseThrow(() -> new IllegalStateException("moto_server not found on the PATH; " + INSTALL_HINT));
        return start("moto", List.of(binary.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port)), port);
    }

    static ProcessTarget dynoxide(int port) {
        Path binary = Optional.ofNullable(System.getenv("DYNOXIDE_BIN"))
                .map(Path::of)
                .or(() -> repositoryRoot()
                        .map(root -> root.resolve(".references/node_modules/@dynoxide/linux-x64/dynoxide")))
                .filter(Files::isExecutable)
                .orElseThrow(() -> new IllegalStateException("dynoxide not found; " + INSTALL_HINT));
        return start(
                "dynoxide",
                List.of(binary.toString(), "serve", "--host", "127.0.0.1", "--port", String.valueOf(port)),
                port);
    }

    /**
     * Tally's standalone server jar (built by {@code mvn -pl local/dynamodb package}) in its own JVM, in memory, so its
     * CPU is not shared with the client's JVM; {@code TALLY_DYNAMODB_JAR} overrides the jar's path.
     */
    static ProcessTarget tallyProcess(int port) {
        Path jar = Optional.ofNullable(System.getenv("TALLY_DYNAMODB_JAR"))
                .map(Path::of)
                .or(() -> repositoryRoot()
                        .map(root -> root.resolve(
                                "local/dynamodb/target/tally-local-dynamodb-0.1.0-SNAPSHOT-standalone.jar")))
                .filter(Files::isRegularFile)
                .orElseThrow(() -> new IllegalStateException("the standalone jar is missing; build it with"
                        + " mvn -pl local/dynamodb -am package -DskipTests (bench/run-dynamodb-benchmark.sh does)"));
        String java = ProcessHandle.current().info().command().orElse("java");
        return start("tally (process)", List.of(java, "-jar", jar.toString(), "--port", String.valueOf(port)), port);
    }

    private static ProcessTarget start(String name, List<String> command, int port) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new ProcessTarget(name, process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException failure) {
            throw new IllegalStateException(
                    "cannot start " + name + ": " + failure.getMessage() + "; " + INSTALL_HINT, failure);
        }
    }

    private static Optional<Path> onPath(String executable) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, executable);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".ci"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
