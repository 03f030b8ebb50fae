package dev.tally.ops.projection;

import dev.tally.common.aws.AwsClients;
import dev.tally.common.projection.ConcurrentSummaryChangeException;
import dev.tally.common.projection.SummaryRebuilder;
import dev.tally.common.store.DynamoDbDebtSource;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.StoredSummary;
import dev.tally.ops.AwsOptions;
import dev.tally.ops.Main;
import dev.tally.ops.OpsException;
import dev.tally.ops.Progress;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code tally ops projection verify|rebuild|replay-failures}: checks and repairs the per-user summaries. */
@Command(
        name = "projection",
        mixinStandardHelpOptions = true,
        description = "The summaries projection.",
        subcommands = {
            ProjectionCommand.Verify.class,
            ProjectionCommand.Rebuild.class,
            ProjectionCommand.ReplayFailures.class
        })
public final class ProjectionCommand {

    /** Exactly one of {@code --user ID} and {@code --all}. */
    static final class Scope {
        @Option(names = "--user", paramLabel = "ID", required = true, description = "This user only.")
        String userId;

        @Option(names = "--all", required = true, description = "Every user with a debt or a summary.")
        boolean all;
    }

    /** {@code projection verify [--user ID | --all] [--rebuild-differing] [--segments N]}. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Checks each user's summary against their debts: CLEAN, LAGGING (the stream has not delivered some "
                        + "debt versions yet: it catches up by itself), DIVERGED (every version is in, the totals differ: damaged) "
                        + "or FAILED (could not be checked; the run goes on).",
                "Exit code 1 if any user is diverged or failed (after --rebuild-differing: still diverged or failed)."
            })
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AwsOptions aws;

        @Mixin
        TableOptions tables;

        @ArgGroup(multiplicity = "0..1")
        Scope scope;

        @Option(
                names = "--rebuild-differing",
                description = "Rebuild the DIVERGED users (never the lagging ones), then check them again.")
        boolean rebuildDiffering;

        @Option(
                names = "--segments",
                paramLabel = "N",
                defaultValue = "4",
                description = "Parallel scan segments and checks at once (default 4).")
        int segments;

        @Override
        public Integer call() {
            tables.require();
            requireSegments(spec, segments);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ExecutorService pool = Executors.newFixedThreadPool(segments);
            try (DynamoDbClient dynamoDb = aws.clients().dynamoDb()) {
                SummaryAudit audit = audit(dynamoDb, tables);
                SummaryRebuilder rebuilder = rebuilder(dynamoDb, tables);
                SortedSet<String> users =
                        users(dynamoDb, tables, scope == null || scope.all ? null : scope.userId, pool, segments);
                List<UserCheck> checks = UserChecks.run(
                        pool,
                        users,
                        user -> {
                            UserCheck check = audit.check(user);
                            if (rebuildDiffering && check.state() == UserCheck.State.DIVERGED) {
                                StoredSummary rebuilt = rebuilder.rebuild(user);
                                out.println("user " + user + ": diverged, rebuilt at revision " + rebuilt.revision());
                                return audit.check(user);
                            }
                            return check;
                        },
                        new Progress(err, Progress.onTerminal(), Clock.systemUTC(), "verify"));
                int[] counts = new int[UserCheck.State.values().length];
                for (UserCheck check : checks) {
                    counts[check.state().ordinal()]++;
                    print(out, err, check);
                }
                out.println("verified=" + checks.size() + " clean=" + counts[UserCheck.State.CLEAN.ordinal()]
                        + " lagging=" + counts[UserCheck.State.LAGGING.ordinal()]
                        + " diverged=" + counts[UserCheck.State.DIVERGED.ordinal()]
                        + " failed=" + counts[UserCheck.State.FAILED.ordinal()]);
                if (counts[UserCheck.State.LAGGING.ordinal()] > 0) {
                    out.println(
                            "lagging users catch up as the stream is projected: verify again in a few minutes; one that "
                                    + "stays lagging points at a discarded batch (projection replay-failures)");
                }
                return counts[UserCheck.State.DIVERGED.ordinal()] + counts[UserCheck.State.FAILED.ordinal()] == 0
                        ? 0
                        : Main.ATTENTION;
            } finally {
                pool.shutdownNow();
            }
        }

        private static void print(PrintWriter out, PrintWriter err, UserCheck check) {
            switch (check.state()) {
                case CLEAN -> {}
                case LAGGING ->
                    out.println("user " + check.userId() + ": lagging, " + check.detail()
                            + (check.differences().isEmpty() ? "" : " (totals differ for now)"));
                case DIVERGED -> {
                    out.println("user " + check.userId() + ": diverged, summary differs from its debts");
                    check.differences().forEach(difference -> out.println("  " + difference));
                }
                case FAILED -> err.println("user " + check.userId() + ": could not be verified: " + check.detail());
                default -> throw new IllegalStateException("no output defined for state " + check.state());
            }
        }
    }

    /** {@code projection rebuild --user ID | --all [--segments N]}. */
    @Command(
            name = "rebuild",
            mixinStandardHelpOptions = true,
            description =
                    "Rewrites users' summaries recomputed from their debts (the projection's item format and revision "
                            + "condition). A user that cannot be rebuilt is reported and the run goes on.")
    static final class Rebuild implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AwsOptions aws;

        @Mixin
        TableOptions tables;

        @ArgGroup(multiplicity = "1")
        Scope scope;

        @Option(
                names = "--segments",
                paramLabel = "N",
                defaultValue = "4",
                description = "Parallel scan segments and rebuilds at once (default 4).")
        int segments;

        @Override
        public Integer call() {
            tables.require();
            requireSegments(spec, segments);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ExecutorService pool = Executors.newFixedThreadPool(segments);
            try (DynamoDbClient dynamoDb = aws.clients().dynamoDb()) {
                SummaryRebuilder rebuilder = rebuilder(dynamoDb, tables);
                if (!scope.all) {
                    requireKnown(dynamoDb, tables, scope.userId);
                }
                SortedSet<String> users = users(dynamoDb, tables, scope.all ? null : scope.userId, pool, segments);
                List<UserCheck> results = UserChecks.run(
                        pool,
                        users,
                        user -> {
                            try {
                                StoredSummary rebuilt = rebuilder.rebuild(user);
                                return new UserCheck(
                                        user,
                                        UserCheck.State.CLEAN,
                                        List.of(),
                                        "rebuilt at revision " + rebuilt.revision());
                            } catch (ConcurrentSummaryChangeException busy) {
                                return new UserCheck(
                                        user,
                                        UserCheck.State.FAILED,
                                        List.of(),
                                        "the summary kept changing; run again");
                            }
                        },
                        new Progress(err, Progress.onTerminal(), Clock.systemUTC(), "rebuild"));
                int failed = 0;
                for (UserCheck result : results) {
                    if (result.state() == UserCheck.State.CLEAN) {
                        out.println("user " + result.userId() + ": " + result.detail());
                    } else {
                        failed++;
                        err.println("user " + result.userId() + ": not rebuilt: " + result.detail());
                    }
                }
                out.println("rebuilt=" + (results.size() - failed) + " failed=" + failed);
                return failed == 0 ? 0 : Main.ATTENTION;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** {@code projection replay-failures --queue-url URL [--dry-run]}. */
    @Command(
            name = "replay-failures",
            mixinStandardHelpOptions = true,
            description = {
                "For each on-failure record in the projection's failures queue: reads its range from the stream, "
                        + "verifies the users it touched, rebuilds those not clean, and deletes the record only when they all "
                        + "verify clean. Prints each record's stream-data expiry (24 h after its first record); past it, every "
                        + "user is verified instead.",
                "Exit code 1 while any record is left in the queue."
            })
    static final class ReplayFailures implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AwsOptions aws;

        @Mixin
        TableOptions tables;

        @Option(
                names = "--queue-url",
                required = true,
                paramLabel = "URL",
                description = "The projection-failures queue.")
        String queueUrl;

        @Option(names = "--dry-run", description = "Read and verify only: rebuild and delete nothing.")
        boolean dryRun;

        @Option(
                names = "--segments",
                paramLabel = "N",
                defaultValue = "4",
                description = "Parallel scan segments when every user must be verified (default 4).")
        int segments;

        @Override
        public Integer call() {
            tables.require();
            requireSegments(spec, segments);
            PrintWriter out = spec.commandLine().getOut();
            AwsClients clients = aws.clients();
            ExecutorService pool = Executors.newFixedThreadPool(segments);
            try (DynamoDbClient dynamoDb = clients.dynamoDb();
                    SqsClient sqs = clients.sqs();
                    DynamoDbStreamsClient streams =
                            clients.build(DynamoDbStreamsClient.builder(), "DYNAMODB_STREAMS")) {
                FailureReplayer replayer = new FailureReplayer(
                        sqs,
                        queueUrl,
                        streams,
                        audit(dynamoDb, tables),
                        rebuilder(dynamoDb, tables),
                        () -> users(dynamoDb, tables, null, pool, segments),
                        Clock.systemUTC(),
                        out);
                FailureReplayer.Result result = replayer.run(dryRun);
                out.println((dryRun ? "dry run (nothing rebuilt or deleted): " : "") + result.counts());
                return result.kept() == 0 ? 0 : Main.ATTENTION;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A rebuild of a mistyped id would create a summary for nobody. */
    private static void requireKnown(DynamoDbClient dynamoDb, TableOptions tables, String userId) {
        if (new DynamoDbSummaryStore(dynamoDb, tables.summariesTable)
                        .find(userId)
                        .isEmpty()
                && new DynamoDbDebtSource(dynamoDb, tables.debtsTable)
                        .debtsOf(userId)
                        .isEmpty()) {
            throw new OpsException("user " + userId + " has no debts in " + tables.debtsTable + " and no summary in "
                    + tables.summariesTable + ": check the id (nothing was written)");
        }
    }

    private static void requireSegments(CommandSpec spec, int segments) {
        if (segments < 1 || segments > 64) {
            throw new ParameterException(spec.commandLine(), "--segments must be 1..64, was " + segments);
        }
    }

    private static SummaryAudit audit(DynamoDbClient dynamoDb, TableOptions tables) {
        return new SummaryAudit(
                new DynamoDbDebtSource(dynamoDb, tables.debtsTable),
                new DynamoDbSummaryStore(dynamoDb, tables.summariesTable));
    }

    private static SummaryRebuilder rebuilder(DynamoDbClient dynamoDb, TableOptions tables) {
        return new SummaryRebuilder(
                new DynamoDbDebtSource(dynamoDb, tables.debtsTable),
                new DynamoDbSummaryStore(dynamoDb, tables.summariesTable),
                Clock.systemUTC());
    }

    private static SortedSet<String> users(
            DynamoDbClient dynamoDb, TableOptions tables, String userId, ExecutorService pool, int segments) {
        if (userId != null) {
            if (userId.isBlank()) {
                throw new OpsException("--user must not be blank");
            }
            return new TreeSet<>(List.of(userId));
        }
        return new UserDirectory(dynamoDb).usersOf(pool, segments, tables.debtsTable, tables.summariesTable);
    }
}
