package dev.tally.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build/JarTrim.java} (ADR 0176) on a small jar compiled here: what it keeps, what it removes, and
 * that its check fails on a jar missing a reachable class or holding a malformed one.
 */
class JarTrimIT {

    private static final Path TOOL = Path.of("..", "build", "JarTrim.java");

    @TempDir
    Path work;

    private Path target;
    private Path keep;

    @BeforeEach
    void compileSampleJar() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        // Tally's classes are roots; Root names lib.Used by type and lib.ByName by string only.
        sources.put("dev/tally/sample/Root.java", """
                package dev.tally.sample;
                public class Root {
                    lib.Used used = new lib.Used();
                    Object byName() throws Exception { return Class.forName("lib.ByName"); }
                    Object service() { return java.util.ServiceLoader.load(lib.Spi.class); }
                }
                """);
        sources.put("lib/Used.java", "package lib; public class Used { Helper helper = new Helper(); }");
        sources.put(
                "lib/Helper.java", "package lib; public class Helper { int count(int x) { int y = x; return y; } }");
        sources.put("lib/ByName.java", "package lib; public class ByName {}");
        sources.put("lib/Spi.java", "package lib; public interface Spi {}");
        sources.put("lib/SpiImpl.java", "package lib; public class SpiImpl implements Spi {}");
        sources.put("lib/Unused.java", "package lib; public class Unused { Used used; }");
        sources.put("lib/UnusedSpi.java", "package lib; public interface UnusedSpi {}");
        sources.put("lib/UnusedSpiImpl.java", "package lib; public class UnusedSpiImpl implements UnusedSpi {}");
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        List<String> arguments = new ArrayList<>(List.of("-g", "-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new)))
                .isZero();
        target = Files.createDirectories(work.resolve("target"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target.resolve("sample-lambda.jar")));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (Files.isDirectory(file)) {
                    if (!name.isEmpty()) {
                        put(jar, name + "/", new byte[0]);
                    }
                } else {
                    put(jar, name, Files.readAllBytes(file));
                }
            }
            put(jar, "META-INF/services/lib.Spi", "lib.SpiImpl\n".getBytes(StandardCharsets.UTF_8));
            put(jar, "META-INF/services/lib.UnusedSpi", "lib.UnusedSpiImpl\n".getBytes(StandardCharsets.UTF_8));
            put(jar, "META-INF/LICENSE", "license text".getBytes(StandardCharsets.UTF_8));
        }
        keep = Files.writeString(work.resolve("keep"), "# nothing beyond the walk\n");
    }

    @Test
    void trim_keepsWhatIsReachable_andDropsTheRestWithDirectoriesAndUnusedServiceFiles() throws Exception {
        assertThat(run("trim-dir", keep.toString(), target.toString())).isZero();

        assertThat(entries(target.resolve("sample-lambda.jar")))
                .contains(
                        "dev/tally/sample/Root.class",
                        "lib/Used.class",
                        "lib/Helper.class",
                        "lib/ByName.class",
                        "lib/Spi.class",
                        "lib/SpiImpl.class",
                        "META-INF/services/lib.Spi",
                        "META-INF/LICENSE")
                .doesNotContain(
                        "lib/Unused.class",
                        "lib/UnusedSpi.class",
                        "lib/UnusedSpiImpl.class",
                        "META-INF/services/lib.UnusedSpi")
                .noneMatch(name -> name.endsWith("/"));
        assertThat(target.resolve("untrimmed/sample-lambda.jar")).exists();
        assertThat(run(
                        "check",
                        keep.toString(),
                        target.resolve("untrimmed/sample-lambda.jar").toString(),
                        target.resolve("sample-lambda.jar").toString()))
                .isZero();
    }

    @Test
    void trim_isReproducible_andStripsLocalVariableTablesOfLibraryClassesOnly() throws Exception {
        Path untrimmed = target.resolve("sample-lambda.jar");
        Path copy = Files.createDirectories(work.resolve("again")).resolve("sample-lambda.jar");
        Files.copy(untrimmed, copy);
        assertThat(run("trim-dir", keep.toString(), target.toString())).isZero();
        assertThat(run("trim-dir", keep.toString(), copy.getParent().toString()))
                .isZero();

        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(untrimmed));
        // The constant pool is copied as it is, so only the attributes go: the library class shrinks,
        // Tally's class is byte for byte the one javac wrote.
        Path before = target.resolve("untrimmed/sample-lambda.jar");
        try (ZipFile trimmed = new ZipFile(untrimmed.toFile());
                ZipFile original = new ZipFile(before.toFile())) {
            assertThat(bytes(trimmed, "lib/Helper.class").length)
                    .isLessThan(bytes(original, "lib/Helper.class").length);
            assertThat(bytes(trimmed, "dev/tally/sample/Root.class"))
                    .isEqualTo(bytes(original, "dev/tally/sample/Root.class"));
        }
    }

    @Test
    void check_failsWhenAReachableClassIsMissingOrMalformed() throws Exception {
        assertThat(run("trim-dir", keep.toString(), target.toString())).isZero();
        Path original = target.resolve("untrimmed/sample-lambda.jar");
        Path trimmed = target.resolve("sample-lambda.jar");

        Path withoutHelper = work.resolve("without-helper.jar");
        rewrite(trimmed, withoutHelper, "lib/Helper.class", null);
        assertThat(run("check", keep.toString(), original.toString(), withoutHelper.toString()))
                .isEqualTo(1);

        // Three bytes short: the constant pool still reads, the JVM's class-file parser refuses the class.
        Path truncated = work.resolve("truncated.jar");
        byte[] helper;
        try (ZipFile jar = new ZipFile(trimmed.toFile())) {
            helper = bytes(jar, "lib/Helper.class");
        }
        rewrite(trimmed, truncated, "lib/Helper.class", Arrays.copyOf(helper, helper.length - 3));
        assertThat(run("check", keep.toString(), original.toString(), truncated.toString()))
                .isEqualTo(1);
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new ZipEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private static byte[] bytes(ZipFile jar, String name) throws IOException {
        return jar.getInputStream(jar.getEntry(name)).readAllBytes();
    }

    /** Copies the jar, replacing one entry's bytes (or leaving the entry out when {@code bytes} is null). */
    private static void rewrite(Path from, Path to, String entry, byte[] bytes) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
                OutputStream file = Files.newOutputStream(to);
                JarOutputStream out = new JarOutputStream(file)) {
            for (ZipEntry each : in.stream().toList()) {
                if (each.getName().equals(entry)) {
                    if (bytes != null) {
                        put(out, entry, bytes);
                    }
                } else {
                    put(out, each.getName(), in.getInputStream(each).readAllBytes());
                }
            }
        }
    }

    private int run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), TOOL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("tool.log").toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("build/JarTrim.java did not finish: " + command);
        }
        return process.exitValue();
    }
}
