package dev.tally.local.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCachesTest {

    @TempDir
    Path directory;

    @Test
    void cacheFile_whenTheJarChanges_isAnotherFile() throws IOException {
        Path jar = Files.writeString(directory.resolve("function.jar"), "version 1");
        FunctionSpec spec =
                new FunctionSpec("QueryFunction", "x.Handler", jar, 512, Duration.ofSeconds(3), Map.of(), 1);
        AotCaches caches = new AotCaches(directory.resolve("aot"));
        Path first = caches.cacheFile(spec);

        Files.writeString(jar, "version 2");

        assertThat(caches.cacheFile(spec)).isNotEqualTo(first);
        assertThat(first.getFileName().toString()).startsWith("QueryFunction-").endsWith(".aot");
    }

    @Test
    void isReady_onlyOnceTheCacheOfThisJarExists() throws IOException {
        Path jar = Files.writeString(directory.resolve("function.jar"), "code");
        FunctionSpec spec = new FunctionSpec("F", "x.Handler", jar, 512, Duration.ofSeconds(3), Map.of(), 1);
        AotCaches caches = new AotCaches(directory);

        assertThat(caches.isReady(spec)).isFalse();
        Files.writeString(caches.cacheFile(spec), "cache");
        assertThat(caches.isReady(spec)).isTrue();
    }

    @Test
    void supports_onlyJdk25AndLater() {
        assertThat(AotCaches.supports(new JdkLocator.Jdk(Path.of("/jdk"), 25))).isTrue();
        assertThat(AotCaches.supports(new JdkLocator.Jdk(Path.of("/jdk"), 21))).isFalse();
    }
}
