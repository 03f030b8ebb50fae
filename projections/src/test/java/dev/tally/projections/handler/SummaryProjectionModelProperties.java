package dev.tally.projections.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.DebtCommandArbitraries;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.projections.store.InMemorySummaryStore;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * THE model-based property of the projection (see {@link ProjectionModel}): any interleaving of
 * several users' command sequences over several debts and currencies, delivered in batches that are
 * duplicated, failed and redelivered from the reported record, and replayed, leaves every user's
 * summary equal to {@code Summary.summaryOf} their debts after every step. In-memory store, so it
 * runs 1,000 sequences in the default build; {@code SummaryProjectionModelIT} runs it against DynamoDB.
 */
class SummaryProjectionModelProperties {

    static final List<String> USERS = List.of("user-1", "user-2", "user-3");

    @BeforeContainer
    static void quietLogs() {
        // thousands of deliveries: keep the expected per-batch INFO lines and injected-failure WARNs out of the build log
        Configurator.setLevel("dev.tally.projections", Level.ERROR);
    }

    @AfterContainer
    static void restoreLogs() {
        Configurator.setLevel("dev.tally.projections", Level.INFO);
    }

    @Property(tries = 1000)
    void summaries_afterEveryDeliveryDuplicateRetryAndReplay_equalARecomputationFromTheDebts(
            @ForAll("interleavedCommands") List<CommandEnvelope> commands, @ForAll long deliverySeed) {
        ProjectionModel.Run run = new ProjectionModel(new InMemorySummaryStore(), USERS).run(commands, deliverySeed);

        assertThat(run.deliveries()).isGreaterThanOrEqualTo(run.records() == 0 ? 0 : 1);
        Statistics.label("injected failures").collect(run.injectedFailures() > 0);
        Statistics.label("replays").collect(run.replays() > 0);
        Statistics.label("removals").collect(run.removals() > 0);
    }

    /** Three users' command sequences (common's generators, renamed per user), interleaved at random. */
    @Provide
    static Arbitrary<List<CommandEnvelope>> interleavedCommands() {
        Arbitrary<List<CommandEnvelope>> one = DebtCommandArbitraries.commandSequences(20, 10_000);
        return Combinators.combine(one, one, one, Arbitraries.integers().between(0, 2).list().ofSize(200))
                .as((first, second, third, picks) -> interleave(List.of(first, second, third), picks));
    }

    static List<CommandEnvelope> interleave(List<List<CommandEnvelope>> perUser, List<Integer> picks) {
        List<List<CommandEnvelope>> queues = new ArrayList<>();
        for (int u = 0; u < perUser.size(); u++) {
            String user = USERS.get(u);
            queues.add(new ArrayList<>(perUser.get(u).stream().map(command -> CommandEnvelope.of(command.commandId(),
                    user, command.issuedAt(), command.correlationId(), command.payload())).toList()));
        }
        List<CommandEnvelope> merged = new ArrayList<>();
        int pick = 0;
        while (queues.stream().anyMatch(queue -> !queue.isEmpty())) {
            int u = pick < picks.size() ? picks.get(pick++) : 0;
            List<CommandEnvelope> queue = queues.get(u).isEmpty()
                    ? queues.stream().filter(q -> !q.isEmpty()).findFirst().orElseThrow() : queues.get(u);
            merged.add(queue.remove(0));
        }
        return merged;
    }
}
