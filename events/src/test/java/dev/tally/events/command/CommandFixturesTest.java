package dev.tally.events.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.events.FieldProblem;
import dev.tally.events.FieldUpdate;
import dev.tally.events.Fixtures;
import dev.tally.events.Money;
import dev.tally.events.TallyJson;
import dev.tally.events.Validated;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Backward compatibility: the v1 fixtures are what v1 writers produced; they must keep parsing
 * to the same values, and writing them again must give back the same JSON.
 */
class CommandFixturesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "create-debt/v1/full.json",
                "create-debt/v1/minimal.json",
                "update-debt/v1/patch.json",
                "update-debt/v1/clear-description.json",
                "record-payment/v1/payment.json",
                "settle-debt/v1/settle.json",
                "cancel-debt/v1/cancel.json"
            })
    void v1Fixture_parses_andWritesBackTheSameJson(String fixture) throws Exception {
        String json = Fixtures.load(fixture);

        CommandEnvelope envelope = CommandEnvelope.parse(json).orElseThrow();

        JsonNode original = TallyJson.MAPPER.readTree(json);
        assertThat(TallyJson.MAPPER.readTree(envelope.toJson())).isEqualTo(original);
        assertThat(envelope.schemaVersion()).isEqualTo(1);
    }

    @Test
    void createDebtV1_hasTheRecordedValues() {
        CommandEnvelope envelope =
                CommandEnvelope.parse(Fixtures.load("create-debt/v1/full.json")).orElseThrow();

        assertThat(envelope.commandId()).isEqualTo("7f1c9a52-2b1e-4c4e-9a57-0c1d8a8f0001");
        assertThat(envelope.userId()).isEqualTo("user-0001");
        assertThat(envelope.correlationId()).isEqualTo("req-abc-123");
        assertThat(envelope.issuedAt()).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
        assertThat(envelope.payload())
                .isEqualTo(new CreateDebt(
                        "01937a2e-0f00-7000-8000-000000000001",
                        new Counterparty("Alice Example", "alice@example.com"),
                        Direction.OWED_TO_ME,
                        Money.of(1234, "EUR"),
                        "Dinner at the harbour",
                        LocalDate.of(2026, 12, 31)));
    }

    @Test
    void updateDebtV1_keepsMergePatchSemantics() {
        UpdateDebt patch = (UpdateDebt) CommandEnvelope.parse(Fixtures.load("update-debt/v1/patch.json"))
                .orElseThrow()
                .payload();

        assertThat(patch.counterpartyName()).isEqualTo(FieldUpdate.set("Alice E."));
        assertThat(patch.counterpartyEmail()).isEqualTo(FieldUpdate.cleared());
        assertThat(patch.description()).isEqualTo(FieldUpdate.unchanged());
        assertThat(patch.dueDate()).isEqualTo(FieldUpdate.set(LocalDate.of(2027, 1, 15)));
    }

    @Test
    void recordPaymentV1_hasTheRecordedValues() {
        RecordPayment payment = (RecordPayment) CommandEnvelope.parse(Fixtures.load("record-payment/v1/payment.json"))
                .orElseThrow()
                .payload();

        assertThat(payment)
                .isEqualTo(new RecordPayment(
                        "debt-1", Money.of(500, "EUR"), Instant.parse("2026-11-29T11:59:00Z"), "first instalment"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "create-debt/v1/bad-money.json|payload.amount.amount|must have at most 2 decimal places for EUR",
                "create-debt/v1/wrong-types.json|payload.amount.amount|must be a JSON string",
                "record-payment/v1/negative-amount.json|payload.amount.amount|must be a decimal string",
                "record-payment/v1/bad-instant.json|payload.paidAt|must be an ISO-8601 instant",
                "update-debt/v1/clear-name.json|payload.counterpartyName|cannot be cleared",
                "command-envelope/v1/unknown-type.json|type|is not a known command type (known: CREATE_DEBT, UPDATE_DEBT, "
                        + "RECORD_PAYMENT, SETTLE_DEBT, CANCEL_DEBT)",
                "command-envelope/v99/schema-version-99.json|schemaVersion|unsupported schema version 99 (this reader understands [1])",
                "command-envelope/v1/not-json.json|body|is not valid JSON",
            })
    void malformedFixture_isRefusedWithTheFieldAndProblem(String fixture, String field, String problem) {
        Validated<CommandEnvelope> result = CommandEnvelope.parse(Fixtures.load(fixture));

        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.problem()).contains(problem);
        });
    }

    @Test
    void unknownType_isCodedUnknownCommandType_andOtherProblemsAreNot() {
        assertThat(CommandEnvelope.parse(Fixtures.load("command-envelope/v1/unknown-type.json"))
                        .problems())
                .filteredOn(p -> p.field().equals("type"))
                .singleElement()
                .extracting(FieldProblem::code)
                .isEqualTo(FieldProblem.Code.UNKNOWN_COMMAND_TYPE);
        assertThat(CommandEnvelope.parse(Fixtures.load("command-envelope/v99/schema-version-99.json"))
                        .problems())
                .extracting(FieldProblem::code)
                .containsOnly(FieldProblem.Code.INVALID);
    }

    @Test
    void missingFields_areAllReported() {
        assertThat(CommandEnvelope.parse(Fixtures.load("create-debt/v1/missing-fields.json"))
                        .problems())
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("payload.direction", "payload.amount");
        assertThat(CommandEnvelope.parse(Fixtures.load("command-envelope/v1/missing-envelope-fields.json"))
                        .problems())
                .containsExactlyInAnyOrder(
                        new FieldProblem("commandId", "is required"),
                        new FieldProblem("userId", "is required"),
                        new FieldProblem("issuedAt", "is required"));
    }

    @Test
    void envelopeType_decidesThePayloadRecord() {
        String json = Fixtures.load("command-envelope/v1/type-decides-payload.json");

        assertThat(CommandEnvelope.parse(json).orElseThrow().payload()).isEqualTo(new SettleDebt("debt-1", null));
        assertThat(CommandEnvelope.parse(json.replace("SETTLE_DEBT", "RECORD_PAYMENT"))
                        .orElseThrow()
                        .payload())
                .isEqualTo(
                        new RecordPayment("debt-1", Money.of(100, "EUR"), Instant.parse("2026-11-30T08:00:00Z"), null));
        assertThat(List.of(CommandType.values())).hasSize(5);
    }
}
