package dev.tally.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Main} as its own process, as {@code ./tally local} runs it: one ready line, and no
 * container process left behind after SIGTERM (Ctrl-C) or even SIGKILL of the runtime.
 */
class LauncherIT {

    private static final Pattern READY = Pattern.compile("Tally is ready on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path directory;

    private Process runtime;

    @AfterEach
    void killLeftovers() {
        if (runtime != null) {
            runtime.descendants().forEach(ProcessHandle::destroyForcibly);
            runtime.destroyForcibly();
        }
    }

    private URI start() throws Exception {
        Path template = directory.resolve("template.yaml");
        Files.copy(Path.of(LauncherIT.class.getResource("/stack/template.yaml").toURI()), template);
        Files.createSymbolicLink(directory.resolve("test-functions-lambda.jar"), TestFunctionJar.path());
        Files.createDirectories(directory.resolve("data/records"));
        Path output = directory.resolve("console.txt");
        runtime = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // the flags ./tally local runs Main with
                        "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--template",
                        template.toString(),
                        "--port",
                        "0",
                        "--data-dir",
                        directory.resolve("data").toString(),
                        "--region",
                        "eu-west-1")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> READY.matcher(Files.readString(output)).find() || !runtime.isAlive());
        String console = Files.readString(output);
        Matcher ready = READY.matcher(console);
        assertThat(ready.find()).as(console).isTrue();
        assertThat(console.lines().filter(line -> line.contains("is ready on"))).hasSize(1);
        assertThat(console).contains("  DynamoDB        http://127.0.0.1:", "  SQS             http://127.0.0.1:");
        return URI.create(ready.group(1));
    }

    private List<ProcessHandle> containersAfterARequest(URI api) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(api.resolve("/env")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<ProcessHandle> containers = runtime.descendants().toList();
        assertThat(containers).isNotEmpty();
        return containers;
    }

    @Test
    void sigterm_stopsRuntime_andEveryContainer() throws Exception {
        List<ProcessHandle> containers = containersAfterARequest(start());

        runtime.destroy(); // SIGTERM, what Ctrl-C's shutdown path runs too

        assertThat(runtime.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> containers.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void sigkill_ofRuntime_leavesNoContainerBehind() throws Exception {
        List<ProcessHandle> containers = containersAfterARequest(start());

        runtime.destroyForcibly(); // no shutdown hook runs: containers must notice their Runtime API is gone

        await().atMost(Duration.ofSeconds(30)).until(() -> containers.stream().noneMatch(ProcessHandle::isAlive));
    }
}
