package dev.tally.local.runtime;

import dev.tally.local.runtime.lambda.FilePlatformLog;
import dev.tally.local.runtime.lambda.InvocationReport;
import dev.tally.local.runtime.lambda.PlatformLog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real platform log (console + reports file), also keeping every line and report for assertions. */
public final class RecordingPlatformLog implements PlatformLog {

    private final FilePlatformLog delegate;
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<InvocationReport> reports = new CopyOnWriteArrayList<>();

    public RecordingPlatformLog(Path reportsFile) {
        this.delegate = new FilePlatformLog(System.out, reportsFile);
    }

    @Override
    public void functionOutput(String functionName, String line) {
        lines.add(functionName + " " + line);
        delegate.functionOutput(functionName, line);
    }

    @Override
    public void platform(String functionName, String line) {
        lines.add(functionName + " " + line);
        delegate.platform(functionName, line);
    }

    @Override
    public void report(InvocationReport report) {
        lines.add(report.functionName() + " " + report.reportLine());
        reports.add(report);
        delegate.report(report);
    }
}
