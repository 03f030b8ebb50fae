package dev.tally.local.runtime;

import dev.tally.local.runtime.lambda.ContainerLauncher;
import dev.tally.local.runtime.stack.ContainerLimit;
import dev.tally.local.runtime.stack.LocalStack;
import dev.tally.local.runtime.stack.StackOptions;
import dev.tally.local.runtime.stack.UnsupportedTemplateException;
import dev.tally.local.runtime.template.TemplateException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tally local}: starts Tally on this machine from {@code template.yaml} and runs until
 * Ctrl-C or SIGTERM, which stops every service and container.
 */
@Command(
        name = "tally local",
        mixinStandardHelpOptions = true,
        description = "Runs Tally's template.yaml on this machine: HTTP API, queues, tables, streams and functions.")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP API port (default ${DEFAULT-VALUE})", defaultValue = "3000")
    int port;

    @Option(
            names = "--data-dir",
            description = "data directory, kept across restarts (default ${DEFAULT-VALUE})",
            defaultValue = ".tally")
    Path dataDirectory;

    @Option(names = "--fresh", description = "empty the data directory first")
    boolean fresh;

    @Option(names = "--dynamodb-endpoint", description = "use this DynamoDB endpoint instead of the embedded one")
    URI dynamoDbEndpoint;

    @Option(names = "--sqs-endpoint", description = "use this SQS endpoint instead of the embedded one")
    URI sqsEndpoint;

    @Option(
            names = "--template",
            description = "the SAM template (default ${DEFAULT-VALUE})",
            defaultValue = "template.yaml")
    Path template;

    @Option(
            names = "--region",
            description = "region of every ARN and client (default ${DEFAULT-VALUE})",
            defaultValue = "us-east-1")
    String region;

    @Option(
            names = "--stack-name",
            description = "value of AWS::StackName (default ${DEFAULT-VALUE})",
            defaultValue = "tally")
    String stackName;

    @Option(
            names = "--max-containers",
            description = "containers per function at most, a number or auto "
                    + "(1 per core, at least 2; default ${DEFAULT-VALUE})",
            defaultValue = "auto")
    String maxContainers;

    @Option(
            names = "--idle-timeout",
            description = "seconds an unused container stays warm (default ${DEFAULT-VALUE})",
            defaultValue = "300")
    long idleSeconds;

    @Option(
            names = "--jdk",
            description = "run every function on this JDK (a JDK home) instead of the one matching its Runtime")
    Path jdk;

    @Option(
            names = "--no-aot-cache",
            description = "start functions without their local AOT cache (JDK 25+), as a managed"
                    + " runtime without SnapStart would")
    boolean noAotCache;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(template)) {
            System.err.println("tally local: no template at " + template.toAbsolutePath() + " (use --template)");
            return 2;
        }
        Path templateFile = template.toAbsolutePath();
        int containerLimit;
        try {
            containerLimit =
                    ContainerLimit.parse(maxContainers, Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            System.err.println("tally local: " + e.getMessage());
            return 2;
        }
        StackOptions options = new StackOptions(
                templateFile,
                templateFile.getParent(),
                port,
                dataDirectory,
                fresh,
                dynamoDbEndpoint,
                sqsEndpoint,
                region,
                stackName,
                containerLimit,
                Duration.ofSeconds(idleSeconds),
                ContainerLauncher.defaultJvmFlags(),
                System.out,
                jdk,
                !noAotCache);
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (UnsupportedTemplateException
                | TemplateException
                | IllegalArgumentException
                | IllegalStateException e) {
            System.err.println("tally local: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping Tally...");
                            stack.close();
                            stopped.countDown();
                        },
                        "tally-shutdown"));
        System.out.println("Tally is ready on " + stack.endpoints().get("API"));
        if (stack.endpoints().containsKey("API docs")) {
            System.out.println("API docs on " + stack.endpoints().get("API docs"));
        }
        System.out.println("DynamoDB on " + stack.endpoints().get("DynamoDB"));
        System.out.println("SQS on " + stack.endpoints().get("SQS"));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
