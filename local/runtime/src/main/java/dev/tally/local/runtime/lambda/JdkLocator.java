package dev.tally.local.runtime.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the JDK a function runs on: the one whose feature version matches the function's template
 * {@code Runtime} ({@code java25} → a JDK 25), as Lambda's managed runtimes do.
 *
 * <p>Candidates, in order: the {@code --jdk} override (taken as given, whatever its version), the
 * JDK running the local runtime, {@code JAVA_HOME}, then every JDK under {@code /usr/lib/jvm}. A JDK
 * is recognised by its {@code release} file ({@code JAVA_VERSION="25.0.3"}) and its {@code bin/java}.
 */
public final class JdkLocator {

    private static final Pattern RUNTIME = Pattern.compile("java(\\d+)(\\..*)?");
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(1\\.)?(\\d+)");

    private final Path override;
    private final List<Path> searchRoots;
    private final Function<String, String> environment;

    /**
     * @param override the {@code --jdk} directory, or null to look for one
     * @param searchRoots directories whose children are JDKs (normally {@code /usr/lib/jvm})
     * @param environment where {@code JAVA_HOME} is read
     */
    public JdkLocator(Path override, List<Path> searchRoots, Function<String, String> environment) {
        this.override = override;
        this.searchRoots = List.copyOf(searchRoots);
        this.environment = environment;
    }

    /** The locator of {@code ./tally local}: the override, this JVM, {@code JAVA_HOME}, {@code /usr/lib/jvm}. */
    public static JdkLocator standard(Path override) {
        return new JdkLocator(override, List.of(Path.of("/usr/lib/jvm")), System::getenv);
    }

    /** A JDK found for a function: its home and its feature version (0 when unknown, for an override). */
    public record Jdk(Path home, int feature) {

        /** The {@code java} launcher of this JDK. */
        public Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    /** The feature version a {@code Runtime} value asks for ({@code java21} → 21), or empty for a non-Java runtime. */
    public static Optional<Integer> featureOf(String runtime) {
        if (runtime == null) {
            return Optional.empty();
        }
        Matcher matcher = RUNTIME.matcher(runtime.strip());
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /**
     * The JDK for a function.
     *
     * @throws IllegalStateException naming the function, the runtime, where it looked and how to fix it, when none matches
     */
    public Jdk locate(String functionName, String runtime) {
        if (override != null) {
            if (!Files.isExecutable(override.resolve("bin").resolve("java"))) {
                throw new IllegalStateException("--jdk " + override + " is not a JDK (no executable bin/java)");
            }
            return new Jdk(override.toAbsolutePath(), featureOfHome(override).orElse(0));
        }
        int wanted = featureOf(runtime)
                .orElseThrow(() -> new IllegalStateException("function " + functionName + ": Runtime " + runtime
                        + " is not a Java runtime (java17, java21, java25)"));
        List<Path> looked = new ArrayList<>();
        for (Path home : candidates()) {
            looked.add(home);
            Optional<Integer> feature = featureOfHome(home);
            if (feature.isPresent()
                    && feature.get() == wanted
                    && Files.isExecutable(home.resolve("bin").resolve("java"))) {
                return new Jdk(home.toAbsolutePath(), wanted);
            }
        }
        throw new IllegalStateException(
                "function " + functionName + " has Runtime: " + runtime + " but no JDK " + wanted
                        + " was found (looked at " + looked + "). Install a JDK " + wanted
                        + " under /usr/lib/jvm, set JAVA_HOME to one,"
                        + " or pass --jdk PATH to run every function on that JDK.");
    }

    private List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        String javaHome = environment.apply("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            candidates.add(Path.of(javaHome.strip()));
        }
        for (Path root : searchRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> children = Files.list(root)) {
                children.filter(Files::isDirectory).sorted().forEach(candidates::add);
            } catch (IOException e) {
                // An unreadable root holds no candidate.
            }
        }
        return candidates;
    }

    /** The feature version of a JDK home, from its {@code release} file. */
    static Optional<Integer> featureOfHome(Path home) {
        try {
            Matcher matcher = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(2))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
