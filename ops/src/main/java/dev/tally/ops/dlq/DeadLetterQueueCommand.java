package dev.tally.ops.dlq;

import dev.tally.ops.AwsOptions;
import dev.tally.ops.Main;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code tally ops dlq replay}: moves dead-lettered commands back to the command queue. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "The commands dead-letter queue.",
        subcommands = DeadLetterQueueCommand.Replay.class)
public final class DeadLetterQueueCommand {

    /** {@code dlq replay --dlq-url URL --queue-url URL [--max N] [--dry-run] [--include-unparseable]}. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Sends each DLQ message to the main FIFO queue (same MessageGroupId, new "
                    + "MessageDeduplicationId), then deletes it from the DLQ. Prints counts, never bodies.",
                    "Exit code 1 if any message failed (it stays in the DLQ)."})
    static final class Replay implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AwsOptions aws;

        @Option(names = "--dlq-url", required = true, paramLabel = "URL", description = "The FIFO dead-letter queue.")
        String deadLetterQueueUrl;

        @Option(names = "--queue-url", required = true, paramLabel = "URL", description = "The main FIFO queue.")
        String queueUrl;

        @Option(names = "--max", paramLabel = "N", defaultValue = "" + Integer.MAX_VALUE,
                description = "Replay at most N messages (default: all).")
        int max;

        @Option(names = "--dry-run", description = "Receive and count only; send and delete nothing.")
        boolean dryRun;

        @Option(names = "--include-unparseable",
                description = "Also replay messages the worker moved as unparseable (attribute failureReason).")
        boolean includeUnparseable;

        @Override
        public Integer call() {
            if (max < 1) {
                throw new ParameterException(spec.commandLine(), "--max must be at least 1, was " + max);
            }
            requireFifo("--dlq-url", deadLetterQueueUrl);
            requireFifo("--queue-url", queueUrl);
            ReplayResult result;
            try (SqsClient sqs = aws.clients().sqs()) {
                result = new DeadLetterReplayer(sqs, deadLetterQueueUrl, queueUrl).replay(max, includeUnparseable, dryRun);
            }
            PrintWriter out = spec.commandLine().getOut();
            result.failures().forEach(spec.commandLine().getErr()::println);
            out.println((dryRun ? "dry run (nothing sent or deleted): " : "") + result.counts());
            return result.failed() == 0 ? 0 : Main.ATTENTION;
        }

        private void requireFifo(String option, String url) {
            if (!url.endsWith(".fifo")) {
                throw new ParameterException(spec.commandLine(),
                        option + " must be the URL of a FIFO queue (ending in .fifo), was " + url);
            }
        }
    }
}
