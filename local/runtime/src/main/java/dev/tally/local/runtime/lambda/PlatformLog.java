package dev.tally.local.runtime.lambda;

/**
 * Where the local Lambda service writes what AWS would send to CloudWatch Logs: the function's own
 * output and the platform lines ({@code START}, {@code END}, {@code REPORT}), plus the structured
 * invocation reports.
 */
public interface PlatformLog {

    /** One line a container wrote to stdout or stderr. */
    void functionOutput(String functionName, String line);

    /** One platform line ({@code START RequestId: …}, {@code END …}, a timeout notice). */
    void platform(String functionName, String line);

    /** An invocation finished: write its {@code REPORT} line and keep the record. */
    void report(InvocationReport report);
}
