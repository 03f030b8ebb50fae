package dev.tally.local.runtime.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The platform log of a local stack: lines go to a console stream prefixed with the function
 * name, and each {@link InvocationReport} is appended as one JSON line to {@code reports.jsonl}.
 */
public final class FilePlatformLog implements PlatformLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream console;
    private final Path reportsFile;

    public FilePlatformLog(PrintStream console, Path reportsFile) {
        this.console = console;
        this.reportsFile = reportsFile;
        try {
            Files.createDirectories(reportsFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + reportsFile, e);
        }
    }

    @Override
    public void functionOutput(String functionName, String line) {
        console.println("[" + functionName + "] " + line);
    }

    @Override
    public void platform(String functionName, String line) {
        console.println("[" + functionName + "] " + line);
    }

    @Override
    public synchronized void report(InvocationReport report) {
        console.println("[" + report.functionName() + "] " + report.reportLine());
        try {
            Files.writeString(
                    reportsFile,
                    JSON.writeValueAsString(report) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + reportsFile, e);
        }
    }
}
