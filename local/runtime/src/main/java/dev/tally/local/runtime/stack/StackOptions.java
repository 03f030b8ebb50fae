package dev.tally.local.runtime.stack;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start a local stack.
 *
 * @param templateFile the SAM template
 * @param codeRoot the directory {@code CodeUri} paths are relative to (the template's directory)
 * @param port the HTTP API port (0 for a free one)
 * @param dataDirectory where tables, secrets, reports and traces are kept across restarts
 * @param fresh whether to empty the data directory first
 * @param dynamoDbEndpoint an external DynamoDB endpoint, or null for the embedded one
 * @param sqsEndpoint an external SQS endpoint, or null for the embedded one
 * @param region the region of every ARN and client
 * @param stackName the value of {@code AWS::StackName}
 * @param maxContainersPerFunction how many containers one function may run at once
 * @param idleTimeout how long an unused container stays warm
 * @param jvmFlags the container JVM flags (besides {@code -Xmx})
 * @param console where endpoints, platform lines and function output go
 * @param jdk the JDK every function runs on ({@code --jdk}), or null to pick one per function's {@code Runtime}
 * @param aotCache whether functions on JDK 25+ train and use a local AOT cache (off: {@code --no-aot-cache})
 */
public record StackOptions(
        Path templateFile,
        Path codeRoot,
        int port,
        Path dataDirectory,
        boolean fresh,
        URI dynamoDbEndpoint,
        URI sqsEndpoint,
        String region,
        String stackName,
        int maxContainersPerFunction,
        Duration idleTimeout,
        List<String> jvmFlags,
        PrintStream console,
        Path jdk,
        boolean aotCache) {

    /** Options with the JDK picked per function and no AOT cache. */
    public StackOptions(
            Path templateFile,
            Path codeRoot,
            int port,
            Path dataDirectory,
            boolean fresh,
            URI dynamoDbEndpoint,
            URI sqsEndpoint,
            String region,
            String stackName,
            int maxContainersPerFunction,
            Duration idleTimeout,
            List<String> jvmFlags,
            PrintStream console) {
        this(
                templateFile,
                codeRoot,
                port,
                dataDirectory,
                fresh,
                dynamoDbEndpoint,
                sqsEndpoint,
                region,
                stackName,
                maxContainersPerFunction,
                idleTimeout,
                jvmFlags,
                console,
                null,
                false);
    }

    public StackOptions {
        Objects.requireNonNull(templateFile, "templateFile");
        Objects.requireNonNull(codeRoot, "codeRoot");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(console, "console");
        jvmFlags = List.copyOf(jvmFlags);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, was " + port);
        }
        if (maxContainersPerFunction < 1) {
            throw new IllegalArgumentException("--max-containers must be at least 1, was " + maxContainersPerFunction);
        }
    }
}
