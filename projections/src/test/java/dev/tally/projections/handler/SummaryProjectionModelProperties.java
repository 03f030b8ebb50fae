package dev.tally.projections.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.DebtCommandGenerators;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.projections.store.InMemorySummaryStore;
import dev.tally.testkit.Coverage;
import dev.tally.testkit.Generator;
import dev.tally.testkit.PropertyCheck;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * THE model-based property of the projection (see {@link ProjectionModel}): any interleaving of
 * several users' command sequences over several debts and currencies, delivered in batches that are
 * duplicated, failed and redelivered from the reported record, and replayed, leaves every user's
 * summary equal to {@code Summary.summaryOf} their debts after every step. In-memory store, so it
 * runs 1,000 sequences in the default build; {@code SummaryProjectionModelIT} runs it against DynamoDB.
 */
class SummaryProjectionModelProperties {

    static final List<String> USERS = List.of("user-1", "user-2", "user-3");

    @BeforeAll
    static void quietLogs() {
        // thousands of deliveries: keep the expected per-batch INFO lines and injected-failure WARNs out of the build
        // log
        Configurator.setLevel("dev.tally.projections", Level.ERROR);
    }

    @AfterAll
    static void restoreLogs() {
        Configurator.setLevel("dev.tally.projections", Level.INFO);
    }

    /**
     * One try: the interleaved commands and the seed of the delivery schedule.
     *
     * @param commands     the commands of every user, interleaved
     * @param deliverySeed the seed of batching, failures, duplicates and replays
     */
    record Case(List<CommandEnvelope> commands, long deliverySeed) {}

    @Test
    void summaries_afterEveryDeliveryDuplicateRetryAndReplay_equalARecomputationFromTheDebts() {
        Coverage coverage = new Coverage();

        PropertyCheck.forAll(1_000, cases(), sample -> {
            ProjectionModel.Run run = new ProjectionModel(new InMemorySummaryStore(), USERS)
                    .run(sample.commands(), sample.deliverySeed());

            assertThat(run.deliveries()).isGreaterThanOrEqualTo(run.records() == 0 ? 0 : 1);
            collect(coverage, "injected failures", run.injectedFailures() > 0);
            collect(coverage, "replays", run.replays() > 0);
            collect(coverage, "removals", run.removals() > 0);
        });

        coverage.assertEachSeen(List.of("injected failures", "replays", "removals"));
    }

    private static void collect(Coverage coverage, String label, boolean happened) {
        if (happened) {
            coverage.collect(label);
        }
    }

    /** The interleaved commands and a delivery seed. */
    static Generator<Case> cases() {
        Generator<List<CommandEnvelope>> commands = interleavedCommands();
        return source -> new Case(commands.next(source), source.seed());
    }

    /** Three users' command sequences (common's generators, renamed per user), interleaved at random. */
    static Generator<List<CommandEnvelope>> interleavedCommands() {
        Generator<List<CommandEnvelope>> one = DebtCommandGenerators.commandSequences(20, 10_000);
        return source -> {
            List<List<CommandEnvelope>> perUser = List.of(one.next(source), one.next(source), one.next(source));
            return interleave(perUser, source.listOfSize(200, s -> s.intBetween(0, 2)));
        };
    }

    static List<CommandEnvelope> interleave(List<List<CommandEnvelope>> perUser, List<Integer> picks) {
        List<List<CommandEnvelope>> queues = new ArrayList<>();
        for (int u = 0; u < perUser.size(); u++) {
            String user = USERS.get(u);
            queues.add(new ArrayList<>(perUser.get(u).stream()
                    .map(command -> CommandEnvelope.of(
                            command.commandId(), user, command.issuedAt(), command.correlationId(), command.payload()))
                    .toList()));
        }
        List<CommandEnvelope> merged = new ArrayList<>();
        int pick = 0;
        while (queues.stream().anyMatch(queue -> !queue.isEmpty())) {
            int u = pick < picks.size() ? picks.get(pick++) : 0;
            List<CommandEnvelope> queue = queues.get(u).isEmpty()
                    ? queues.stream().filter(q -> !q.isEmpty()).findFirst().orElseThrow()
                    : queues.get(u);
            merged.add(queue.remove(0));
        }
        return merged;
    }
}
