package dev.tally.ops.projection;

import dev.tally.common.projection.ConcurrentSummaryChangeException;
import dev.tally.common.projection.SummaryRebuilder;
import dev.tally.common.store.DynamoDbDebtSource;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.StoredSummary;
import dev.tally.ops.AwsOptions;
import dev.tally.ops.Main;
import dev.tally.ops.OpsException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code tally ops projection verify|rebuild}: checks and repairs the per-user summaries. */
@Command(name = "projection", mixinStandardHelpOptions = true, description = "The summaries projection.",
        subcommands = {ProjectionCommand.Verify.class, ProjectionCommand.Rebuild.class})
public final class ProjectionCommand {

    /** {@code projection verify [--user ID]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recomputes each user's summary from their debts and compares it with the stored one.",
                    "Prints the users that differ and how; exit code 1 if any."})
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;
        @Mixin
        AwsOptions aws;
        @Mixin
        TableOptions tables;

        @Option(names = "--user", paramLabel = "ID", description = "Only this user (default: every user with a debt or a summary).")
        String userId;

        @Override
        public Integer call() {
            tables.require();
            PrintWriter out = spec.commandLine().getOut();
            try (DynamoDbClient dynamoDb = aws.clients().dynamoDb()) {
                SummaryAudit audit = new SummaryAudit(rebuilder(dynamoDb, tables), new DynamoDbSummaryStore(dynamoDb, tables.summariesTable));
                int differing = 0;
                SortedSet<String> users = users(dynamoDb, tables, userId);
                for (String user : users) {
                    List<String> differences = audit.differences(user);
                    if (!differences.isEmpty()) {
                        differing++;
                        out.println("user " + user + ": summary differs from its debts");
                        differences.forEach(difference -> out.println("  " + difference));
                    }
                }
                out.println("verified=" + users.size() + " differing=" + differing);
                return differing == 0 ? 0 : Main.ATTENTION;
            }
        }
    }

    /** {@code projection rebuild --user ID | --all}. */
    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Rewrites users' summaries recomputed from their debts (the projection's item format and revision condition).")
    static final class Rebuild implements Callable<Integer> {

        @Spec
        CommandSpec spec;
        @Mixin
        AwsOptions aws;
        @Mixin
        TableOptions tables;
        @ArgGroup(multiplicity = "1")
        Scope scope;

        /** Exactly one of {@code --user ID} and {@code --all}. */
        static final class Scope {
            @Option(names = "--user", paramLabel = "ID", required = true, description = "Rebuild this user's summary.")
            String userId;
            @Option(names = "--all", required = true, description = "Rebuild every user with a debt or a summary.")
            boolean all;
        }

        @Override
        public Integer call() {
            tables.require();
            PrintWriter out = spec.commandLine().getOut();
            try (DynamoDbClient dynamoDb = aws.clients().dynamoDb()) {
                SummaryRebuilder rebuilder = rebuilder(dynamoDb, tables);
                int failed = 0;
                SortedSet<String> users = users(dynamoDb, tables, scope.all ? null : scope.userId);
                if (!scope.all) {
                    requireKnown(dynamoDb, tables, scope.userId);
                }
                for (String user : users) {
                    try {
                        StoredSummary rebuilt = rebuilder.rebuild(user);
                        out.println("user " + user + ": rebuilt at revision " + rebuilt.revision());
                    } catch (ConcurrentSummaryChangeException busy) {
                        failed++;
                        spec.commandLine().getErr().println("user " + user + ": not rebuilt, the summary kept changing; run again");
                    }
                }
                out.println("rebuilt=" + (users.size() - failed) + " failed=" + failed);
                return failed == 0 ? 0 : Main.ATTENTION;
            }
        }
    }

    /** A rebuild of a mistyped id would create a summary for nobody. */
    private static void requireKnown(DynamoDbClient dynamoDb, TableOptions tables, String userId) {
        if (new DynamoDbSummaryStore(dynamoDb, tables.summariesTable).find(userId).isEmpty()
                && new DynamoDbDebtSource(dynamoDb, tables.debtsTable).debtsOf(userId).isEmpty()) {
            throw new OpsException("user " + userId + " has no debts in " + tables.debtsTable + " and no summary in "
                    + tables.summariesTable + ": check the id (nothing was written)");
        }
    }

    private static SummaryRebuilder rebuilder(DynamoDbClient dynamoDb, TableOptions tables) {
        return new SummaryRebuilder(new DynamoDbDebtSource(dynamoDb, tables.debtsTable),
                new DynamoDbSummaryStore(dynamoDb, tables.summariesTable), Clock.systemUTC());
    }

    private static SortedSet<String> users(DynamoDbClient dynamoDb, TableOptions tables, String userId) {
        if (userId != null) {
            if (userId.isBlank()) {
                throw new OpsException("--user must not be blank");
            }
            return new TreeSet<>(List.of(userId));
        }
        return new UserDirectory(dynamoDb).usersOf(tables.debtsTable, tables.summariesTable);
    }
}
