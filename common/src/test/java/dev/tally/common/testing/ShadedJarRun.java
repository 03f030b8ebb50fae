package dev.tally.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.events.TallyJson;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One run of a probe's {@code main} in a fresh JVM on a module's shaded {@code -lambda.jar}, as the
 * modules' {@code ShadedJarSmokeIT}s need it: the class path is the jar, the module's test classes
 * (system property {@code testClasses}) and the shared test code holding {@link TestLambdaContext} —
 * no other dependency, so the jar must carry everything the handlers use. Standard output and error
 * are collected as lines.
 *
 * @param exitValue the probe JVM's exit code
 * @param lines     everything the probe JVM printed, line by line
 */
public record ShadedJarRun(int exitValue, List<String> lines) {

    /** Copies the lines. */
    public ShadedJarRun {
        lines = List.copyOf(lines);
    }

    /** The shaded jar under test, from the failsafe system property {@code lambdaJar}. */
    public static Path lambdaJar() {
        return Path.of(System.getProperty("lambdaJar"));
    }

    /**
     * Runs {@code probe}'s {@code main(arguments)} on {@link #lambdaJar()} with {@code environment} added
     * to this JVM's and waits for it to end.
     *
     * @throws AssertionError if the probe has not ended within {@code timeout} (it is then killed)
     */
    public static ShadedJarRun run(
            Class<?> probe, Map<String, String> environment, Duration timeout, String... arguments)
            throws IOException, InterruptedException {
        return run(lambdaJar(), probe, environment, timeout, arguments);
    }

    /**
     * Runs {@code probe}'s {@code main(arguments)} on the given function jar (a module with one jar per
     * function, like api, names the jar) with {@code environment} added to this JVM's.
     *
     * @throws AssertionError if the probe has not ended within {@code timeout} (it is then killed)
     */
    public static ShadedJarRun run(
            Path jar, Class<?> probe, Map<String, String> environment, Duration timeout, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-cp",
                String.join(File.pathSeparator, jar.toString(), System.getProperty("testClasses"), sharedTestCode()),
                probe.getName()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(probe.getSimpleName(), ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("probe " + probe.getName() + " did not finish within " + timeout);
            }
            return new ShadedJarRun(process.exitValue(), Files.readAllLines(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** All lines as one text, for assertion messages and searches. */
    public String output() {
        return String.join("\n", lines);
    }

    /** The lines that are JSON objects (Powertools' log lines), parsed. */
    public List<JsonNode> jsonLines() {
        List<JsonNode> json = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                try {
                    json.add(TallyJson.MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("Unreadable JSON log line: " + line, e);
                }
            }
        }
        return json;
    }

    private static String sharedTestCode() {
        try {
            return Path.of(TestLambdaContext.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unreadable location of the shared test code", e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Build-time ceiling of a function jar: issue 10's 10 MB (ADR 0176: the largest,
     * CommandSubmissionFunction's, is 9.7 MB after the reachability trim of every library).
     */
    public static final long LAMBDA_JAR_CEILING_BYTES = 10_000_000L;

    /**
     * The jar budget every function module checks: the packaged jar stays within
     * {@link #LAMBDA_JAR_CEILING_BYTES} and the trimmed entries stay out (unused Lambda event
     * classes, Maven metadata; joda-time stays: ADR 0064), while the event classes Tally receives
     * are in.
     */
    public static void assertLambdaJarWithinBudget() throws IOException {
        assertLambdaJarWithinBudget(lambdaJar());
    }

    /** {@link #assertLambdaJarWithinBudget()} of the given function jar. */
    public static void assertLambdaJarWithinBudget(Path lambdaJar) throws IOException {
        assertThat(Files.size(lambdaJar)).as(lambdaJar.toString()).isLessThanOrEqualTo(LAMBDA_JAR_CEILING_BYTES);
        assertSdkModelClosed(lambdaJar);
        assertTrimClosed(lambdaJar);
        try (ZipFile jar = new ZipFile(lambdaJar.toFile())) {
            assertThat(jar.stream().map(ZipEntry::getName))
                    .noneMatch(name -> name.startsWith("com/amazonaws/services/lambda/runtime/events/S3Event"))
                    .noneMatch(name -> name.startsWith("META-INF/maven/"))
                    // ADR 0107: unused SDK metadata, log4j appenders and joda's zone data stay out
                    .noneMatch(name -> name.startsWith("software/amazon/awssdk/regions/servicemetadata/"))
                    .noneMatch(name -> name.startsWith("org/apache/logging/log4j/core/appender/rolling/"))
                    .noneMatch(name -> name.startsWith("org/joda/time/tz/data/"))
                    // ADR 0176: no directory entries; never-used SDK warm-up providers are out
                    .noneMatch(name -> name.endsWith("/"))
                    .noneMatch(name -> name.startsWith("software/amazon/awssdk/services/dynamodb/internal/warmup/"))
                    .contains(
                            "com/amazonaws/services/lambda/runtime/events/SQSEvent.class",
                            "com/amazonaws/services/lambda/runtime/events/DynamodbEvent.class",
                            "com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class");
        }
    }

    /**
     * ADR 0108: the jar's SDK model cut leaves no class a reachable class names. Runs
     * {@code build/SdkModelTrim.java --check} (the same analysis that generated the parent pom's
     * {@code sdk.trim.*} excludes) on the jar in a fresh JVM; it also derives the operations from the
     * jar's Tally classes, so a call of a new operation whose classes were cut fails here, not in Lambda.
     */
    public static void assertSdkModelClosed(Path lambdaJar) throws IOException {
        Path root = lambdaJar.toAbsolutePath().getParent().getParent().getParent();
        Path tool = root.resolve("build/SdkModelTrim.java");
        assertThat(tool)
                .as("the SDK model check next to the module of " + lambdaJar)
                .exists();
        String report = runTool(
                "build/SdkModelTrim.java --check", javaExecutable(), tool.toString(), "--check", lambdaJar.toString());
        assertThat(report).contains("missing model classes: 0");
    }

    /**
     * ADR 0176: the build's reachability trim ({@code build/JarTrim.java}, run after the shade plugin)
     * left out no class that a class reachable in the trimmed jar names and the untrimmed jar
     * ({@code target/untrimmed/}) had, and every class file it rewrote still loads. Runs
     * {@code build/JarTrim.java check} in a fresh JVM with the roots the trim used.
     */
    public static void assertTrimClosed(Path lambdaJar) throws IOException {
        Path jar = lambdaJar.toAbsolutePath();
        Path root = jar.getParent().getParent().getParent();
        Path untrimmed = jar.getParent().resolve("untrimmed").resolve(jar.getFileName());
        assertThat(untrimmed).as("the untrimmed copy the build's trim keeps").exists();
        String report = runTool(
                "build/JarTrim.java check",
                javaExecutable(),
                root.resolve("build/JarTrim.java").toString(),
                "check",
                root.resolve("build/jar-trim.keep").toString(),
                untrimmed.toString(),
                jar.toString());
        assertThat(report).contains("missing: 0; malformed: 0");
    }

    /** Runs a build tool in a fresh JVM and returns its output; fails unless it exits with 0. */
    private static String runTool(String what, String... command) throws IOException {
        Path output = Files.createTempFile("jar-check", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(what + " did not finish: " + String.join(" ", command));
            }
            String report = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue())
                    .as("%s:%n%s", String.join(" ", command), report)
                    .isZero();
            return report;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
