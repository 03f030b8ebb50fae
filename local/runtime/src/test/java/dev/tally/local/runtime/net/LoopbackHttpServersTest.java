package dev.tally.local.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The guard against the ~40 ms Nagle/delayed-ACK stall of issue 11, without timing anything: the JDK
 * server's own configuration must read TCP_NODELAY as on, and no server of the runtime may be made
 * around {@link LoopbackHttpServers}. Needs {@code --add-opens jdk.httpserver/sun.net.httpserver}
 * (set in this module's surefire configuration).
 */
class LoopbackHttpServersTest {

    @Test
    void create_whenAServerIsMade_theJdkServerConfigurationHasNoDelayOn() throws Exception {
        HttpServer server = LoopbackHttpServers.create(0, 4, "test", 1, 1);
        try {
            server.start();
            Class<?> config = Class.forName("sun.net.httpserver.ServerConfig");
            Method noDelay = config.getDeclaredMethod("noDelay");
            noDelay.setAccessible(true);

            assertThat(noDelay.invoke(null)).isEqualTo(true);
            assertThat(server.getAddress().getAddress().isLoopbackAddress()).isTrue();
        } finally {
            LoopbackHttpServers.stop(server);
        }
    }

    @Test
    void create_whenAServerIsMade_requestsHaveAReadDeadline() throws Exception {
        HttpServer server = LoopbackHttpServers.create(0, 4, "test", 1, 1);
        LoopbackHttpServers.stop(server);
        Class<?> config = Class.forName("sun.net.httpserver.ServerConfig");
        Method maxRequestTime = config.getDeclaredMethod("getMaxReqTime");
        maxRequestTime.setAccessible(true);

        assertThat(((Number) maxRequestTime.invoke(null)).longValue()).isPositive();
    }

    @Test
    void boundedPool_isBoundedInThreadsAndQueue() {
        ThreadPoolExecutor pool = LoopbackHttpServers.boundedPool("test", 3, 5);
        try {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getQueue().remainingCapacity()).isEqualTo(5);
            assertThat(pool.getRejectedExecutionHandler()).isInstanceOf(ThreadPoolExecutor.CallerRunsPolicy.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mainSources_makeJdkServersOnlyThroughTheFactory() throws IOException {
        Path sources = Path.of("src/main/java");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("LoopbackHttpServers.java"))
                    .filter(file -> read(file).contains("HttpServer.create(")
                            || read(file).contains("HttpsServer.create("))
                    .toList();
        }
        assertThat(offenders).as("JDK servers made without TCP_NODELAY").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
