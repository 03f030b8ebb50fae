package dev.tally.common.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.JsonBodies;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.testkit.PropertyCheck;
import org.junit.jupiter.api.Test;

/**
 * The domain values and every generated command envelope survive a trip through {@link TallyJson},
 * so stores and tools may keep them as JSON.
 */
class DomainJsonTest {

    @Test
    void commandsDebtsAndSummaries_roundTripThroughJson() {
        PropertyCheck.forAll(200, DebtCommandGenerators.commandSequences(30, 10_000), commands -> {
            CommandReplay replay = CommandReplay.of(commands);

            for (Debt debt : replay.debts().values()) {
                assertThat(JsonBodies.parse(TallyJson.write(debt), Debt.class).orElseThrow())
                        .isEqualTo(debt);
            }
            for (CommandEnvelope command : commands) {
                assertThat(CommandEnvelope.parse(command.toJson()).orElseThrow())
                        .isEqualTo(command);
            }
            Summary summary = replay.foldedSummary();
            assertThat(JsonBodies.parse(TallyJson.write(summary), Summary.class).orElseThrow())
                    .isEqualTo(summary);
        });
    }
}
