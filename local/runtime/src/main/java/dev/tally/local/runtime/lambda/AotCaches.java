package dev.tally.local.runtime.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The local AOT caches of the functions (JDK 25+, {@code -XX:AOTCache}): one file per function and
 * jar content, {@code <directory>/<function>-<sha256 of the jar, 16 hex>.aot}. A cache is made by one
 * training run of the function's container ({@link AotTraining}), reused while the jar is unchanged;
 * a rebuilt jar has another digest, so it gets a new cache (the old file is deleted when trained).
 *
 * <p>Local only: AWS advises against shipping AOT caches in zip deployments of the managed runtime
 * (see docs/adr/0102-local-aot-cache.md).
 */
public final class AotCaches {

    /** The lowest JDK feature version with {@code -XX:AOTCacheOutput}. */
    public static final int MINIMUM_FEATURE = 25;

    private final Path directory;

    /** Caches kept in {@code directory} (created when needed). */
    public AotCaches(Path directory) {
        this.directory = directory;
    }

    /** Whether a JDK can use a cache. */
    public static boolean supports(JdkLocator.Jdk jdk) {
        return jdk.feature() >= MINIMUM_FEATURE;
    }

    /** The cache file for the function's current jar (which may not exist yet). */
    public Path cacheFile(FunctionSpec spec) {
        return directory.resolve(spec.name() + "-" + digest(spec.codeJar()) + ".aot");
    }

    /** Whether a cache for the function's current jar exists. */
    public boolean isReady(FunctionSpec spec) {
        return Files.isRegularFile(cacheFile(spec));
    }

    Path directory() {
        return directory;
    }

    private static String digest(Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar + " to key its AOT cache", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
