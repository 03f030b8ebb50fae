package dev.tally.local.runtime.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Trains a function's local AOT cache: one container started with {@code -XX:AOTCacheOutput} and
 * {@code TALLY_AOT_TRAINING=true} runs the function's init, including its priming path (the same
 * code its SnapStart {@code beforeCheckpoint} runs), and is then stopped; the JVM assembles the cache
 * as it exits. The cache is written aside and moved in place only when complete, and older caches
 * of the same function (previous jars) are deleted.
 */
public final class AotTraining {

    /** How long the JVM may take to exit and assemble its cache. */
    private static final Duration ASSEMBLY_LIMIT = Duration.ofMinutes(3);
    /** A training init can fail on a loaded machine (a client call timing out): one retry. */
    private static final int ATTEMPTS = 2;

    private AotTraining() {}

    /**
     * Trains the cache of one function unless it exists already.
     *
     * @return a line saying what happened, for the start banner
     */
    public static String train(FunctionSpec spec, ContainerLauncher launcher, PlatformLog log, String functionArn)
            throws IOException {
        AotCaches caches = launcher.aotCaches();
        if (caches == null || !AotCaches.supports(launcher.jdk(spec))) {
            return launcher.aotCacheState(spec);
        }
        Path cache = caches.cacheFile(spec);
        if (Files.isRegularFile(cache)) {
            return "AOT cache " + cache.getFileName() + " (reused: jar unchanged)";
        }
        Files.createDirectories(caches.directory());
        Path partial = cache.resolveSibling(cache.getFileName().toString().replace(".aot", ".training.aot"));
        long started = System.nanoTime();
        String failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            failure = trainOnce(spec, launcher, log, functionArn, partial);
            if (failure == null) {
                break;
            }
        }
        if (failure != null) {
            return "no AOT cache (training failed: " + failure + "; see the function's output above)";
        }
        Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteOlderCaches(caches.directory(), spec.name(), cache);
        return "AOT cache " + cache.getFileName() + " (trained in " + (System.nanoTime() - started) / 1_000_000
                + " ms)";
    }

    /** Runs one training container; null when the cache was written, else why not. */
    private static String trainOnce(
            FunctionSpec spec, ContainerLauncher launcher, PlatformLog log, String functionArn, Path partial)
            throws IOException {
        Files.deleteIfExists(partial);
        FunctionContainer container = FunctionContainer.start(spec, launcher, log, functionArn, partial);
        InvocationResult failure = container.awaitInit();
        boolean exited = container.stopGracefully(ASSEMBLY_LIMIT);
        if (failure == null && exited && Files.isRegularFile(partial)) {
            return null;
        }
        Files.deleteIfExists(partial);
        return failure != null ? "init failed" : !exited ? "JVM did not exit" : "no cache written";
    }

    private static void deleteOlderCaches(Path directory, String functionName, Path current) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!file.equals(current)
                        && name.startsWith(functionName + "-")
                        && name.endsWith(".aot")
                        && name.length() == functionName.length() + 1 + 16 + 4) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
