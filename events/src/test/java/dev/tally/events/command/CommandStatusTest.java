package dev.tally.events.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.events.Fixtures;
import dev.tally.events.InvalidValueException;
import dev.tally.events.JsonBodies;
import dev.tally.events.TallyJson;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandStatusTest {

    @Test
    void factories_buildConsistentStatuses() {
        assertThat(CommandStatus.accepted("c", CommandType.CREATE_DEBT, "d"))
                .isEqualTo(new CommandStatus(
                        "c", CommandType.CREATE_DEBT, CommandStatus.Status.ACCEPTED, null, "d", null));
        assertThat(CommandStatus.applied("c", CommandType.RECORD_PAYMENT, "d", 3)
                        .debtVersion())
                .isEqualTo(3L);
        assertThat(CommandStatus.rejected("c", CommandType.RECORD_PAYMENT, "d", RejectionReason.OVERPAYMENT)
                        .reason())
                .isEqualTo(RejectionReason.OVERPAYMENT);
    }

    @Test
    void constructor_refusesInconsistentCombinations() {
        assertThatThrownBy(() ->
                        new CommandStatus("c", CommandType.CANCEL_DEBT, CommandStatus.Status.REJECTED, null, "d", null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() ->
                        new CommandStatus("c", CommandType.CANCEL_DEBT, CommandStatus.Status.APPLIED, null, "d", null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("debtVersion");
        assertThatThrownBy(() -> new CommandStatus(
                        "c",
                        CommandType.CANCEL_DEBT,
                        CommandStatus.Status.ACCEPTED,
                        RejectionReason.OVERPAYMENT,
                        "d",
                        null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> CommandStatus.applied("c", CommandType.CANCEL_DEBT, "d", 0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("debtVersion");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "command-status/v1/accepted.json",
                "command-status/v1/applied.json",
                "command-status/v1/rejected.json"
            })
    void v1Fixture_roundTrips(String fixture) throws Exception {
        String json = Fixtures.load(fixture);

        CommandStatus status =
                JsonBodies.parseLenient(json, CommandStatus.class).orElseThrow();

        assertThat(TallyJson.MAPPER.readTree(TallyJson.write(status))).isEqualTo(TallyJson.MAPPER.readTree(json));
    }

    @Test
    void rejectedWithoutReason_isRefused() {
        assertThat(JsonBodies.parseLenient(
                                Fixtures.load("command-status/v1/rejected-without-reason.json"), CommandStatus.class)
                        .problems())
                .anySatisfy(p -> assertThat(p.field()).isEqualTo("reason"));
    }

    @Test
    void rejectionReasons_haveStableNamesAndDescriptions() {
        assertThat(Arrays.stream(RejectionReason.values()).map(Enum::name))
                .contains(
                        "DEBT_NOT_FOUND",
                        "DEBT_NOT_OPEN",
                        "OVERPAYMENT",
                        "CURRENCY_MISMATCH",
                        "STALE_VERSION",
                        "DEBT_ALREADY_EXISTS",
                        "NOTHING_TO_UPDATE");
        assertThat(RejectionReason.values())
                .allSatisfy(r -> assertThat(r.description()).isNotBlank());
    }
}
