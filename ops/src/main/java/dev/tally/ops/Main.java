package dev.tally.ops;

import dev.tally.ops.coldstart.ColdStartCommand;
import dev.tally.ops.dlq.DeadLetterQueueCommand;
import dev.tally.ops.projection.ProjectionCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code tally ops}: the operator CLI. Subcommands {@code dlq replay}, {@code projection verify|rebuild}
 * and {@code coldstart report}; see {@code docs/OPERATIONS.md} for the runbooks.
 *
 * <p>Exit codes: 0 done, 1 done but something needs attention (a failed replay, a summary that
 * differs), 2 the command could not run (bad usage, missing configuration, unreadable input).
 */
@Command(
        name = "tally ops",
        mixinStandardHelpOptions = true,
        version = "tally ops 0.1.0",
        description = "Tally operator tools.",
        subcommands = {
            DeadLetterQueueCommand.class,
            ProjectionCommand.class,
            ColdStartCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    /** Exit code when the work was done but some of it needs the operator's attention. */
    public static final int ATTENTION = 1;
    /** Exit code when the command could not run. */
    public static final int UNUSABLE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        // Before any logger exists: operator output on stdout, diagnostics (warnings only) on stderr.
        System.setProperty("log4j2.configurationFile", "classpath:log4j2-ops.xml");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with these streams and returns the exit code (what tests call). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((exception, command, parseResult) -> {
                    if (exception instanceof OpsException problem) {
                        command.getErr().println("tally ops: " + problem.getMessage());
                        return UNUSABLE;
                    }
                    if (exception instanceof SdkException awsFailure) {
                        command.getErr().println("tally ops: an AWS call failed: " + awsFailure.getMessage());
                        return UNUSABLE;
                    }
                    throw exception;
                });
        commandLine.setExitCodeExceptionMapper(exception -> UNUSABLE);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: dlq, projection or coldstart");
    }
}
