package dev.tally.ops.dlq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.common.aws.AwsClients;
import dev.tally.ops.AwsOptions;
import dev.tally.ops.Main;
import dev.tally.ops.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code tally ops dlq preview|replay}: the commands dead-letter queue. */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        description = "The commands dead-letter queue.",
        subcommands = {DeadLetterQueueCommand.Preview.class, DeadLetterQueueCommand.Replay.class})
public final class DeadLetterQueueCommand {

    private static final int UNLIMITED = Integer.MAX_VALUE;

    /** {@code dlq preview --dlq-url URL [--commands-table T] [--format table|json]}. */
    @Command(
            name = "preview",
            mixinStandardHelpOptions = true,
            description = {
                "Lists each DLQ message: command id, user, type, age, receive count and the command's status "
                        + "in the commands table (APPLIED, REJECTED, ACCEPTED, UNKNOWN, UNPARSEABLE), then counts.",
                "Changes nothing: the messages are made visible again at the end. Never prints a body."
            })
    static final class Preview implements Callable<Integer> {

        /** Output formats. */
        enum Format {
            table,
            json
        }

        @Spec
        CommandSpec spec;

        @Mixin
        AwsOptions aws;

        @Option(names = "--dlq-url", required = true, paramLabel = "URL", description = "The FIFO dead-letter queue.")
        String deadLetterQueueUrl;

        @Option(
                names = "--commands-table",
                paramLabel = "NAME",
                defaultValue = "${env:COMMANDS_TABLE}",
                description =
                        "The commands table, for each command's status (default: $COMMANDS_TABLE; none: not looked up).")
        String commandsTable;

        @Option(
                names = "--format",
                paramLabel = "table|json",
                defaultValue = "table",
                description = "Output format (default table).")
        Format format;

        @Option(
                names = "--visibility-timeout",
                paramLabel = "SECONDS",
                defaultValue = "30",
                description = "How long the preview hides each message from the worker and other tools (default 30).")
        int visibilitySeconds;

        @Override
        public Integer call() {
            requireFifo(spec, "--dlq-url", deadLetterQueueUrl);
            AwsClients clients = aws.clients();
            DeadLetterPreview.Listing listing;
            try (SqsClient sqs = clients.sqs();
                    DynamoDbClient dynamoDb =
                            commandsTable == null || commandsTable.isBlank() ? null : clients.dynamoDb()) {
                CommandStatuses statuses = new CommandStatuses(dynamoDb, dynamoDb == null ? null : commandsTable);
                listing = new DeadLetterPreview(sqs, deadLetterQueueUrl, statuses, Clock.systemUTC())
                        .list(visibilitySeconds);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                out.println(json(listing));
            } else {
                table(out, listing);
            }
            return 0;
        }

        private static void table(PrintWriter out, DeadLetterPreview.Listing listing) {
            String row = "%-38s %-38s %-38s %-16s %8s %8s  %s%n";
            out.printf(row, "MESSAGE_ID", "COMMAND_ID", "USER", "TYPE", "AGE", "RECEIVES", "STATUS");
            for (DeadLetterPreview.Entry entry : listing.entries()) {
                out.printf(
                        row,
                        entry.messageId(),
                        dash(entry.commandId()),
                        dash(entry.userId() == null ? entry.groupId() : entry.userId()),
                        dash(entry.commandType()),
                        age(entry.age()),
                        entry.receiveCount(),
                        entry.status());
            }
            StringBuilder counts =
                    new StringBuilder("listed=" + listing.entries().size() + " dlq=" + listing.dlqDepth());
            listing.counts()
                    .forEach((status, count) ->
                            counts.append(' ').append(status).append('=').append(count));
            out.println(counts);
        }

        private static String json(DeadLetterPreview.Listing listing) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            ArrayNode messages = root.putArray("messages");
            for (DeadLetterPreview.Entry entry : listing.entries()) {
                ObjectNode node = messages.addObject();
                node.put("messageId", entry.messageId())
                        .put("commandId", entry.commandId())
                        .put("userId", entry.userId())
                        .put("group", entry.groupId())
                        .put("commandType", entry.commandType())
                        .put(
                                "ageSeconds",
                                entry.age() == null ? null : entry.age().toSeconds())
                        .put("receiveCount", entry.receiveCount())
                        .put("status", entry.status());
            }
            ObjectNode counts = root.putObject("counts");
            listing.counts().forEach(counts::put);
            root.put("listed", listing.entries().size()).put("dlqDepth", listing.dlqDepth());
            return root.toString();
        }

        private static String dash(String value) {
            return value == null ? "-" : value;
        }

        private static String age(Duration age) {
            if (age == null) {
                return "-";
            }
            long seconds = age.toSeconds();
            return seconds < 120
                    ? seconds + "s"
                    : seconds < 7_200
                            ? seconds / 60 + "m"
                            : seconds < 172_800 ? seconds / 3_600 + "h" : seconds / 86_400 + "d";
        }
    }

    /** {@code dlq replay --dlq-url URL --queue-url URL [filters] [--rate N] [--copy] [--ledger F] [--resume F] …}. */
    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = {
                "Sends DLQ messages back to the main FIFO queue, group-safely: per user in order, and after a "
                        + "message that is not moved (failed send, outside the filters) the rest of that user's messages stay in "
                        + "the DLQ. Same MessageGroupId, new MessageDeduplicationId, AWSTraceHeader kept, attribute replayOf added.",
                "Ends with a counts line (left = what it was asked to move and is still in the DLQ); exit code 1 while "
                        + "anything asked for is left or failed. Never prints a body."
            })
    static final class Replay implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AwsOptions aws;

        @Option(names = "--dlq-url", required = true, paramLabel = "URL", description = "The FIFO dead-letter queue.")
        String deadLetterQueueUrl;

        @Option(names = "--queue-url", required = true, paramLabel = "URL", description = "The main FIFO queue.")
        String queueUrl;

        @Option(names = "--group", paramLabel = "G", description = "Only this message group (user id); repeatable.")
        List<String> groups = List.of();

        @Option(
                names = "--command-type",
                paramLabel = "T",
                description = "Only this command type, e.g. RECORD_PAYMENT; repeatable.")
        List<String> commandTypes = List.of();

        @Option(
                names = "--older-than",
                paramLabel = "DUR",
                converter = Durations.class,
                description = "Only messages first sent longer ago than DUR (90s, 15m, 2h, 3d).")
        Duration olderThan;

        @Option(
                names = "--newer-than",
                paramLabel = "DUR",
                converter = Durations.class,
                description = "Only messages first sent less than DUR ago.")
        Duration newerThan;

        @Option(names = "--max", paramLabel = "N", description = "Move at most N messages (default: all).")
        Integer max;

        @Option(
                names = "--rate",
                paramLabel = "N",
                description = "Send at most N messages a second (default: no limit).")
        double rate;

        @Option(names = "--dry-run", description = "Receive and classify only; send and delete nothing.")
        boolean dryRun;

        @Option(names = "--copy", description = "Send, but leave the originals in the DLQ.")
        boolean copy;

        @Option(
                names = "--purge-applied",
                description = "Delete, without sending, messages whose command is already "
                        + "APPLIED or REJECTED in the commands table (needs --commands-table).")
        boolean purgeApplied;

        @Option(
                names = "--commands-table",
                paramLabel = "NAME",
                defaultValue = "${env:COMMANDS_TABLE}",
                description = "The commands table, for --purge-applied (default: $COMMANDS_TABLE).")
        String commandsTable;

        @Option(names = "--include-unparseable", description = "Also replay messages that are not commands.")
        boolean includeUnparseable;

        @Option(
                names = "--delete-unparseable",
                description = "Delete messages that are not commands (they are only listed otherwise).")
        boolean deleteUnparseable;

        @Option(
                names = "--ledger",
                paramLabel = "FILE",
                description = "Append a JSONL line per message and step to FILE.")
        Path ledger;

        @Option(
                names = "--resume",
                paramLabel = "FILE",
                description =
                        "Resume from a ledger: messages it records as sent are "
                                + "deleted, never sent again; new lines are appended to it (unless --ledger names another file).")
        Path resume;

        @Option(
                names = "--server-side",
                description = "Let SQS move everything (StartMessageMoveTask) and show its progress; "
                        + "no filters, ledger, copy or purge.")
        boolean serverSide;

        @Option(
                names = "--visibility-timeout",
                paramLabel = "SECONDS",
                defaultValue = "60",
                description = "How long this run hides the messages it holds (default 60).")
        int visibilitySeconds;

        @Option(
                names = "--wait-in-flight",
                paramLabel = "DUR",
                converter = Durations.class,
                defaultValue = "60s",
                description =
                        "How long to wait for DLQ messages in flight elsewhere, e.g. after a stopped run (default 60s).")
        Duration waitForInFlight;

        @Override
        public Integer call() {
            requireFifo(spec, "--dlq-url", deadLetterQueueUrl);
            requireFifo(spec, "--queue-url", queueUrl);
            if (max != null && max < 1) {
                throw new ParameterException(spec.commandLine(), "--max must be at least 1, was " + max);
            }
            if (rate < 0) {
                throw new ParameterException(spec.commandLine(), "--rate must not be negative, was " + rate);
            }
            ReplaySelection selection =
                    new ReplaySelection(Set.copyOf(groups), upper(commandTypes), olderThan, newerThan);
            if (serverSide) {
                return serverSide(selection);
            }
            if (purgeApplied && (commandsTable == null || commandsTable.isBlank())) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--purge-applied needs the commands table: --commands-table or COMMANDS_TABLE");
            }
            ReplayOptions options;
            try {
                options = new ReplayOptions(
                        selection,
                        max == null ? UNLIMITED : max,
                        rate,
                        copy,
                        dryRun,
                        purgeApplied,
                        includeUnparseable,
                        deleteUnparseable,
                        visibilitySeconds,
                        waitForInFlight);
            } catch (IllegalArgumentException invalid) {
                throw new ParameterException(spec.commandLine(), invalid.getMessage());
            }
            Map<String, List<ReplayLedger.Outcome>> earlier = resume == null ? Map.of() : ReplayLedger.read(resume);
            Path ledgerFile = ledger != null ? ledger : resume;
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(1);
            Thread onInterrupt = new Thread(
                    () -> {
                        stop.set(true);
                        try {
                            finished.await(
                                    visibilitySeconds,
                                    TimeUnit.SECONDS); // let the step in hand end and the ledger close
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "tally-ops-replay-stop");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            AwsClients clients = aws.clients();
            try (SqsClient sqs = clients.sqs();
                    DynamoDbClient dynamoDb = purgeApplied ? clients.dynamoDb() : null;
                    ReplayLedger journal = ReplayLedger.appendingTo(ledgerFile, Clock.systemUTC())) {
                CommandStatuses statuses = new CommandStatuses(dynamoDb, purgeApplied ? commandsTable : null);
                ReplayResult result = new DeadLetterReplayer(
                                sqs,
                                deadLetterQueueUrl,
                                queueUrl,
                                statuses,
                                journal,
                                new Progress(err, Progress.onTerminal(), Clock.systemUTC(), "replay"),
                                Clock.systemUTC(),
                                stop)
                        .replay(options, earlier);
                result.problems().forEach(err::println);
                out.println(result.counts());
                if (result.interrupted()) {
                    err.println("stopped: resume with --resume "
                            + (ledgerFile == null ? "<ledger> (next time pass --ledger FILE)" : ledgerFile));
                }
                return result.needsAttention() ? Main.ATTENTION : 0;
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running (Ctrl-C): it returns now that the run is over
                }
            }
        }

        private int serverSide(ReplaySelection selection) {
            if (!selection.selectsEverything()
                    || max != null
                    || copy
                    || purgeApplied
                    || dryRun
                    || resume != null
                    || ledger != null
                    || includeUnparseable
                    || deleteUnparseable) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--server-side moves every message: it takes no --group, "
                                + "--command-type, --older-than, --newer-than, --max, --copy, --purge-applied, --dry-run, --ledger, "
                                + "--resume or --*-unparseable (use the client-side replay for those)");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (SqsClient sqs = aws.clients().sqs()) {
                ServerSideMove.Outcome outcome = new ServerSideMove(sqs, deadLetterQueueUrl, queueUrl)
                        .run(
                                (int) Math.ceil(rate),
                                new Progress(
                                        spec.commandLine().getErr(),
                                        Progress.onTerminal(),
                                        Clock.systemUTC(),
                                        "move task"));
                out.println("server-side move " + outcome.status() + ": moved=" + outcome.moved() + " of "
                        + outcome.toMove() + (outcome.failure() == null ? "" : " failure=" + outcome.failure())
                        + " left=" + outcome.dlqDepth());
                return "COMPLETED".equals(outcome.status()) && outcome.dlqDepth() == 0 ? 0 : Main.ATTENTION;
            }
        }

        private static Set<String> upper(List<String> types) {
            Set<String> upper = new LinkedHashSet<>();
            types.forEach(type -> upper.add(type.toUpperCase(java.util.Locale.ROOT)));
            return upper;
        }
    }

    private static void requireFifo(CommandSpec spec, String option, String url) {
        if (!url.endsWith(".fifo")) {
            throw new ParameterException(
                    spec.commandLine(), option + " must be the URL of a FIFO queue (ending in .fifo), was " + url);
        }
    }
}
