package dev.tally.local.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment a container gets: Lambda's JVM defaults yield to the function's own options. */
class ContainerLauncherTest {

    private final ContainerLauncher launcher = new ContainerLauncher(
            Path.of("target"), Map.of("AWS_REGION", "eu-west-1"), ContainerLauncher.defaultJvmFlags());

    private static FunctionSpec function(Map<String, String> environment) {
        return new FunctionSpec("Fn", "a.B::handle", Path.of("fn.jar"), 512, Duration.ofSeconds(10), environment, 1);
    }

    @Test
    void environment_whenFunctionSetsJavaToolOptions_putsThemAfterTheDefaultsItDoesNotOverride() {
        Map<String, String> environment = launcher.environment(
                function(Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4")),
                "127.0.0.1:9001",
                Path.of("task"),
                "/usr/bin");

        assertThat(environment.get("JAVA_TOOL_OPTIONS"))
                .isEqualTo("-Xshare:auto -XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=4");
    }

    @Test
    void environment_whenFunctionRepeatsADefault_givesTheFlagOnce() {
        Map<String, String> environment = launcher.environment(
                function(Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Xshare:off")),
                "127.0.0.1:9001",
                Path.of("task"),
                null);

        assertThat(environment.get("JAVA_TOOL_OPTIONS"))
                .isEqualTo("-XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Xshare:off");
    }

    @Test
    void flagName_treatsOnOffAndValueFormsOfOneFlagAsOne() {
        assertThat(ContainerLauncher.flagName("-XX:+UseSerialGC"))
                .isEqualTo(ContainerLauncher.flagName("-XX:-UseSerialGC"));
        assertThat(ContainerLauncher.flagName("-XX:TieredStopAtLevel=1")).isEqualTo("-XX:TieredStopAtLevel");
        assertThat(ContainerLauncher.flagName("-Xshare:auto")).isEqualTo("-Xshare");
        assertThat(ContainerLauncher.flagName("-Dkey=value")).isEqualTo("-Dkey");
        assertThat(ContainerLauncher.flagName("-Xmx512m")).isEqualTo("-Xmx512m");
    }

    @Test
    void environment_whenFunctionSetsNoJavaToolOptions_givesTheDefaults() {
        Map<String, String> environment =
                launcher.environment(function(Map.of()), "127.0.0.1:9001", Path.of("task"), null);

        assertThat(environment.get("JAVA_TOOL_OPTIONS"))
                .isEqualTo("-XX:TieredStopAtLevel=1 -Xshare:auto -XX:+UseSerialGC");
        assertThat(environment)
                .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
                .containsEntry("AWS_REGION", "eu-west-1");
    }

    @Test
    void taskRoot_whenContainersOfOneFunctionStartTogether_linksTheJarForEveryOne(@TempDir Path work) throws Exception {
        Path jar = Files.writeString(work.resolve("fn.jar"), "jar");
        ContainerLauncher shared = new ContainerLauncher(
                work.resolve("tasks"), Map.of("AWS_REGION", "eu-west-1"), ContainerLauncher.defaultJvmFlags());
        FunctionSpec spec = new FunctionSpec("Fn", "a.B::handle", jar, 512, Duration.ofSeconds(10), Map.of(), 8);
        ExecutorService starts = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 25; round++) {
                CountDownLatch together = new CountDownLatch(1);
                List<Future<Path>> roots = new ArrayList<>();
                for (int container = 0; container < 8; container++) {
                    roots.add(starts.submit(() -> {
                        together.await();
                        return shared.taskRoot(spec);
                    }));
                }
                together.countDown();
                for (Future<Path> root : roots) {
                    Path link = root.get().resolve("lib/function.jar");
                    assertThat(Files.readSymbolicLink(link)).isEqualTo(jar.toAbsolutePath());
                }
            }
            try (var left = Files.list(work.resolve("tasks/Fn/lib"))) {
                assertThat(left.map(path -> path.getFileName().toString())).containsExactly("function.jar");
            }
        } finally {
            starts.shutdownNow();
        }
    }
}
