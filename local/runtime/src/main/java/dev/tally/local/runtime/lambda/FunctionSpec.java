package dev.tally.local.runtime.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the local runtime needs to run one Lambda function: its handler, the jar its module
 * packaged, its memory size, timeout, environment (as resolved from the template), and how many
 * containers may run it at once.
 *
 * @param name the function's name (the template's logical id), used in ARNs and log lines
 * @param handler the handler string given to the runtime interface client (`pkg.Class` or `pkg.Class::method`)
 * @param codeJar the packaged jar, deployed into each container's task root as AWS deploys a zip
 * @param memorySizeMb the configured memory; the container's heap limit derives from it
 * @param timeout the function timeout; an invocation running longer kills its container
 * @param environment the function's own environment variables (template `Environment.Variables`)
 * @param maxContainers how many containers may run this function at the same time
 */
public record FunctionSpec(
        String name,
        String handler,
        Path codeJar,
        int memorySizeMb,
        Duration timeout,
        Map<String, String> environment,
        int maxContainers) {

    public FunctionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(codeJar, "codeJar");
        Objects.requireNonNull(timeout, "timeout");
        if (memorySizeMb < 128 || memorySizeMb > 10240) {
            throw new IllegalArgumentException(
                    "function " + name + ": MemorySize must be 128..10240 MB, was " + memorySizeMb);
        }
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofSeconds(900)) > 0) {
            throw new IllegalArgumentException(
                    "function " + name + ": Timeout must be 1..900 seconds, was " + timeout.toSeconds());
        }
        if (maxContainers < 1) {
            throw new IllegalArgumentException(
                    "function " + name + ": maxContainers must be at least 1, was " + maxContainers);
        }
        environment = Map.copyOf(environment);
    }
}
