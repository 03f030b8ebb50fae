package dev.tally.local.runtime.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The built code of one {@code CodeUri}: the lambda jar, or the module's class folders.
 *
 * @param codeUri the template's {@code CodeUri}
 * @param paths   jars or class folders (empty when the module is not built)
 * @param built   whether anything was found
 */
record CodeLocation(String codeUri, List<Path> paths, boolean built) {

    CodeLocation {
        paths = List.copyOf(paths);
    }

    /** Whether the code holds {@code binaryName}'s class file itself (not through a parent loader). */
    boolean containsClass(String binaryName) {
        return containsEntry(binaryName.replace('.', '/') + ".class");
    }

    private boolean containsEntry(String entryName) {
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                if (Files.isRegularFile(path.resolve(entryName))) {
                    return true;
                }
            } else {
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    if (zip.getEntry(entryName) != null) {
                        return true;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return false;
    }

    /**
     * A class loader over this code plus {@code extra} (the Lambda interface jars), isolated from
     * the test class path so that a class only counts when the function's own code has it.
     */
    URLClassLoader classLoader(List<Path> extra) {
        List<URL> urls = new ArrayList<>();
        try {
            for (Path path : paths) {
                urls.add(path.toUri().toURL());
            }
            for (Path path : extra) {
                urls.add(path.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
