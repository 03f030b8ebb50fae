package dev.tally.local.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packages the test functions ({@code dev.tally.local.runtime.testfunctions}, compiled with the
 * tests) into a jar, as a function module's build would: what the containers under test run.
 */
public final class TestFunctionJar {

    private static Path jar;

    private TestFunctionJar() {}

    /** The jar, built once per test JVM under {@code target/}. */
    public static synchronized Path path() {
        if (jar == null) {
            jar = build();
        }
        return jar;
    }

    private static void copyJar(Path jarFile, JarOutputStream out) throws IOException {
        try (JarFile source = new JarFile(jarFile.toFile())) {
            for (JarEntry entry : java.util.Collections.list(source.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = source.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private static Path build() {
        try {
            Path classes = Path.of(TestFunctionJar.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path packageDir = classes.resolve("dev/tally/local/runtime/testfunctions");
            Path target = classes.getParent().resolve("test-functions-lambda.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target));
                    Stream<Path> files = Files.walk(packageDir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(
                            new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, (OutputStream) out);
                    out.closeEntry();
                }
                // Shade Jackson in, as a function module's build does with its dependencies.
                for (Class<?> type : List.of(ObjectMapper.class, JsonParser.class, JsonProperty.class)) {
                    copyJar(
                            Path.of(type.getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI()),
                            out);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot package the test functions", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
