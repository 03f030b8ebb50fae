package dev.tally.local.runtime.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the repository's template and built function code are, found by walking up from the
 * working directory to the folder holding {@code template.yaml} and the root {@code pom.xml}.
 */
final class RepositoryLayout {

    private final Path root;

    RepositoryLayout(Path root) {
        this.root = root;
    }

    /**
     * The repository above the working directory, or the one the system property
     * {@code tally.repository} names (to check another checkout's template and built modules).
     */
    static RepositoryLayout find() {
        String override = System.getProperty("tally.repository");
        if (override != null && !override.isBlank()) {
            return new RepositoryLayout(Path.of(override).toAbsolutePath().normalize());
        }
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(directory.resolve("template.yaml"))
                    && Files.isRegularFile(directory.resolve("pom.xml"))) {
                return new RepositoryLayout(directory);
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException(
                "no template.yaml found above " + Path.of("").toAbsolutePath());
    }

    Path root() {
        return root;
    }

    Path template() {
        return root.resolve("template.yaml");
    }

    /**
     * The class path of a function's code: its {@code CodeUri} jar when built (and not older than
     * the module's classes), else the module's {@code target/classes} with the {@code common} and
     * {@code events} classes it would shade.
     */
    CodeLocation codeLocation(String codeUri) {
        Path jar = root.resolve(codeUri).normalize();
        Path target = jar.getParent();
        if (Files.isRegularFile(jar) && !(target != null && newerThan(target.resolve("classes"), jar))) {
            return new CodeLocation(codeUri, List.of(jar), true);
        }
        if (target == null || !target.getFileName().toString().equals("target")) {
            return new CodeLocation(codeUri, List.of(), false);
        }
        List<Path> paths = new ArrayList<>();
        for (Path classes : List.of(
                target.resolve("classes"),
                root.resolve("common/target/classes"),
                root.resolve("events/target/classes"))) {
            if (Files.isDirectory(classes)) {
                paths.add(classes);
            }
        }
        boolean moduleBuilt = Files.isDirectory(target.resolve("classes"));
        return new CodeLocation(codeUri, moduleBuilt ? paths : List.of(), moduleBuilt);
    }

    /** Whether a class file under {@code classes} was compiled after {@code jar} was packaged (a stale jar). */
    private static boolean newerThan(Path classes, Path jar) {
        if (!Files.isDirectory(classes)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(classes)) {
            java.nio.file.attribute.FileTime packaged = Files.getLastModifiedTime(jar);
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                try {
                    return Files.getLastModifiedTime(file).compareTo(packaged) > 0;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
