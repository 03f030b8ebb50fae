package dev.tally.common.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.JsonBodies;
import dev.tally.events.TallyJson;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The domain values and every generated command envelope survive a trip through {@link TallyJson},
 * so stores and tools may keep them as JSON.
 */
class DomainJsonTest {

    @Provide
    Arbitrary<List<dev.tally.events.command.CommandEnvelope>> sequences() {
        return DebtCommandArbitraries.commandSequences(30, 10_000);
    }

    @Property(tries = 200)
    void commandsDebtsAndSummaries_roundTripThroughJson(@ForAll("sequences") List<dev.tally.events.command.CommandEnvelope> commands) {
        CommandReplay replay = CommandReplay.of(commands);

        for (Debt debt : replay.debts().values()) {
            assertThat(JsonBodies.parse(TallyJson.write(debt), Debt.class).orElseThrow()).isEqualTo(debt);
        }
        for (dev.tally.events.command.CommandEnvelope command : commands) {
            assertThat(dev.tally.events.command.CommandEnvelope.parse(command.toJson()).orElseThrow()).isEqualTo(command);
        }
        Summary summary = replay.foldedSummary();
        assertThat(JsonBodies.parse(TallyJson.write(summary), Summary.class).orElseThrow()).isEqualTo(summary);
    }
}
