package dev.tally.local.runtime.stack;

import dev.tally.local.runtime.Main;
import dev.tally.local.runtime.lambda.ContainerLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * This repository's Tally stack for the end-to-end suites: its {@code template.yaml} and the function
 * jars the build packaged, started in this JVM ({@link #startInProcess}) or, as {@code ./tally local}
 * runs it, as a process of its own that a test may kill ({@link RuntimeProcess}). Shared by
 * {@code TallyEndToEndIT}, {@code CrashConsistencyIT}, {@code AdversarialLimitsEndToEndIT} and the
 * bench module's load test (through this module's test jar).
 *
 * <p>Until the function modules are packaged, {@link #root()} skips the calling test with a message
 * naming what is missing.
 */
public final class RepositoryStack {

    /** Each function jar the template names, and a handler class it must hold. */
    private static final Map<String, String> HANDLERS = Map.of(
            "api/target/tally-api-0.1.0-SNAPSHOT-auth-lambda.jar",
            "dev/tally/api/handler/AuthHandler.class",
            "api/target/tally-api-0.1.0-SNAPSHOT-query-lambda.jar",
            "dev/tally/api/handler/QueryHandler.class",
            "api/target/tally-api-0.1.0-SNAPSHOT-submission-lambda.jar",
            "dev/tally/api/handler/CommandSubmissionHandler.class",
            "commands/target/tally-commands-0.1.0-SNAPSHOT-lambda.jar",
            "dev/tally/commands/handler/CommandWorkerHandler.class",
            "projections/target/tally-projections-0.1.0-SNAPSHOT-lambda.jar",
            "dev/tally/projections/handler/SummaryProjectionHandler.class");

    private static final Pattern COMMANDS_VISIBILITY =
            Pattern.compile("\n  CommandsQueue:\n(?: {4}[^\n]*\n)*? {6}VisibilityTimeout: (\\d+)\n");
    private static final Pattern CODE_URI = Pattern.compile("(?m)^(\\s+CodeUri: )(\\S+)$");

    private static final Pattern READY = Pattern.compile("Tally is ready on (http://127\\.0\\.0\\.1:\\d+)");

    /** Containers per function: the test machine has two cores. */
    public static final int MAX_CONTAINERS = 2;

    private RepositoryStack() {}

    /** The repository root (the folder of {@code template.yaml}); skips the test if the function jars are not built. */
    public static Path root() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("template.yaml"))) {
            root = root.getParent();
        }
        Assumptions.assumeTrue(
                root != null, "no template.yaml above " + Path.of("").toAbsolutePath());
        List<String> missing = new ArrayList<>();
        for (var entry : HANDLERS.entrySet()) {
            Path jar = root.resolve(entry.getKey());
            if (!Files.isRegularFile(jar)) {
                missing.add(entry.getKey());
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getEntry(entry.getValue()) == null) {
                    missing.add(entry.getKey() + "!" + entry.getValue());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Assumptions.assumeTrue(missing.isEmpty(), "function modules not built yet, missing: " + missing);
        return root;
    }

    /** The whole stack in this JVM on {@code data}, every service on a free port. */
    public static LocalStack startInProcess(Path data) throws IOException {
        Path root = root();
        return LocalStack.start(new StackOptions(
                root.resolve("template.yaml"),
                root,
                0,
                data,
                false,
                null,
                null,
                "us-east-1",
                "tally",
                MAX_CONTAINERS,
                Duration.ofMinutes(10),
                ContainerLauncher.defaultJvmFlags(),
                System.out));
    }

    /**
     * A copy of the repository's template, written to {@code directory}, that differs in one value:
     * the commands queue's {@code VisibilityTimeout} is {@code seconds} (at least the worker's
     * {@code Timeout}, as the SQS mapping requires). Its {@code CodeUri}s are made absolute, so they
     * still name the jars the build packaged. For a suite that kills the stack while the worker holds
     * messages: those return only when their visibility timeout ends, and a test waits for them.
     */
    public static Path templateWithCommandsVisibility(Path directory, int seconds) throws IOException {
        Path root = root();
        String text = Files.readString(root.resolve("template.yaml"));
        Matcher visibility = COMMANDS_VISIBILITY.matcher(text);
        if (!visibility.find()) {
            throw new IllegalStateException(
                    "no VisibilityTimeout in CommandsQueue of " + root.resolve("template.yaml"));
        }
        text = text.substring(0, visibility.start(1)) + seconds + text.substring(visibility.end(1));
        Matcher codeUri = CODE_URI.matcher(text);
        StringBuilder absolute = new StringBuilder();
        while (codeUri.find()) {
            codeUri.appendReplacement(
                    absolute, Matcher.quoteReplacement(codeUri.group(1) + root.resolve(codeUri.group(2))));
        }
        codeUri.appendTail(absolute);
        Path template = directory.resolve("template.yaml");
        Files.writeString(template, absolute.toString());
        return template;
    }

    /** SDK clients of the stack's own SQS and DynamoDB. */
    public static LocalClients clients(LocalStack stack) {
        return new LocalClients(
                "us-east-1", stack.endpoints().get("SQS"), stack.endpoints().get("DynamoDB"));
    }

    /** Closes what a test started ({@code null}s skipped: the test may have been skipped before starting them). */
    public static void stop(LocalStack stack, LocalClients clients) {
        if (clients != null) {
            clients.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * {@link Main} (what {@code ./tally local} runs) as a process of its own, on the repository's
     * template, its console written to a file; {@link #crash()} kills it with SIGKILL.
     */
    public static final class RuntimeProcess implements AutoCloseable {

        private final Process process;
        private final URI api;

        private RuntimeProcess(Process process, URI api) {
            this.process = process;
            this.api = api;
        }

        /** Starts the runtime on {@code data} and waits (at most 5 minutes) until it says it is ready. */
        public static RuntimeProcess start(Path data, Path console) throws IOException, InterruptedException {
            return start(data, console, root().resolve("template.yaml"));
        }

        /** As {@link #start(Path, Path)}, on {@code template} (e.g. {@link #templateWithCommandsVisibility}). */
        public static RuntimeProcess start(Path data, Path console, Path template)
                throws IOException, InterruptedException {
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "--template",
                            template.toString(),
                            "--port",
                            "0",
                            "--data-dir",
                            data.toString(),
                            "--max-containers",
                            Integer.toString(MAX_CONTAINERS),
                            // as the in-process stack (StackOptions' default): no AOT cache trained at start-up
                            "--no-aot-cache")
                    .redirectErrorStream(true)
                    .redirectOutput(console.toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (true) {
                Matcher ready = READY.matcher(Files.readString(console));
                if (ready.find()) {
                    return new RuntimeProcess(process, URI.create(ready.group(1)));
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("tally local did not start:\n" + Files.readString(console));
                }
                Thread.sleep(200);
            }
        }

        /** The HTTP API's address. */
        public URI api() {
            return api;
        }

        /** SIGKILL: no shutdown hook, no flush, no close; then waits until its containers are gone too. */
        public void crash() throws InterruptedException {
            List<ProcessHandle> containers = process.descendants().toList();
            process.destroyForcibly();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the runtime outlived SIGKILL by 60 s");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (containers.stream().anyMatch(ProcessHandle::isAlive)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("containers outlived their runtime by 60 s");
                }
                Thread.sleep(100);
            }
        }

        /** Kills what is left (the runtime and its containers); for a test's clean-up. */
        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
