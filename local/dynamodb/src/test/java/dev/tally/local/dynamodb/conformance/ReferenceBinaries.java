package dev.tally.local.dynamodb.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the reference servers' executables: a system property, then an environment variable, then the
 * place {@code .ci/install-references.sh} puts them (or the {@code PATH} for moto).
 */
final class ReferenceBinaries {

    static final String INSTALL_HINT = "Install the references with `.ci/install-references.sh` (dynoxide from npm"
            + " @dynoxide/linux-x64@1.2.1 into .references/; moto_server from `pip install 'moto[server]==5.2.1'`),"
            + " or point -Dconformance.dynoxide / -Dconformance.moto (env DYNOXIDE_BIN / MOTO_SERVER_BIN) at them.";

    static final String DYNOXIDE_IN_PACKAGE = ".references/node_modules/@dynoxide/linux-x64/dynoxide";

    private ReferenceBinaries() {}

    static Path dynoxide() {
        return configured("conformance.dynoxide", "DYNOXIDE_BIN")
                .or(() -> repositoryRoot().map(root -> root.resolve(DYNOXIDE_IN_PACKAGE)))
                .filter(Files::isExecutable)
                .orElseThrow(() -> new IllegalStateException("dynoxide not found (looked at -Dconformance.dynoxide,"
                        + " $DYNOXIDE_BIN and <repo>/" + DYNOXIDE_IN_PACKAGE + "). " + INSTALL_HINT));
    }

    static Path moto() {
        return configured("conformance.moto", "MOTO_SERVER_BIN")
                .or(() -> onPath("moto_server"))
                .filter(Files::isExecutable)
                .orElseThrow(() -> new IllegalStateException("moto_server not found (looked at -Dconformance.moto,"
                        + " $MOTO_SERVER_BIN and the PATH). " + INSTALL_HINT));
    }

    private static Optional<Path> configured(String property, String variable) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    private static Optional<Path> onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, executable);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The directory holding {@code .ci/}: the working directory of a module build or one of its parents. */
    static Optional<Path> repositoryRoot() {
        Path directory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (directory != null) {
            if (Files.isDirectory(directory.resolve(".ci"))) {
                return Optional.of(directory);
            }
            directory = directory.getParent();
        }
        return Optional.empty();
    }
}
