package dev.tally.events.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.events.FieldProblem;
import dev.tally.events.FieldUpdate;
import dev.tally.events.Fixtures;
import dev.tally.events.InvalidValueException;
import dev.tally.events.Money;
import dev.tally.events.TallyJson;
import dev.tally.events.Validated;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandEnvelopeTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:15:30Z");

    static Stream<DebtCommand> everyKindOfCommand() {
        return Stream.of(
                new CreateDebt(
                        "debt-1",
                        new Counterparty("Alice", "alice@example.com"),
                        Direction.OWED_TO_ME,
                        Money.of(1234, "EUR"),
                        "Dinner",
                        LocalDate.of(2026, 12, 31)),
                new CreateDebt(
                        "debt-2", Counterparty.named("Bob"), Direction.OWED_BY_ME, Money.of(1000, "JPY"), null, null),
                new UpdateDebt(
                        "debt-1",
                        FieldUpdate.set("Alice E."),
                        FieldUpdate.cleared(),
                        FieldUpdate.unchanged(),
                        FieldUpdate.set(LocalDate.of(2027, 1, 15))),
                new UpdateDebt(
                        "debt-1",
                        FieldUpdate.unchanged(),
                        FieldUpdate.unchanged(),
                        FieldUpdate.cleared(),
                        FieldUpdate.cleared()),
                new RecordPayment("debt-1", Money.of(500, "EUR"), AT, "first"),
                new RecordPayment("debt-1", Money.of(1, "KWD"), AT, null),
                new SettleDebt("debt-1", "even"),
                new SettleDebt("debt-1", null),
                new CancelDebt("debt-1"));
    }

    @ParameterizedTest
    @MethodSource("everyKindOfCommand")
    void json_roundTrip_givesEqualEnvelope(DebtCommand payload) {
        CommandEnvelope envelope = CommandEnvelope.of("cmd-1", "user-1", AT, "corr-1", payload);

        Validated<CommandEnvelope> read = CommandEnvelope.parse(envelope.toJson());

        assertThat(read.orElseThrow()).isEqualTo(envelope);
    }

    @Test
    void json_hasTypeAtTheEnvelopeAndNoTypeInThePayload() throws Exception {
        CommandEnvelope envelope = CommandEnvelope.of("cmd-1", "user-1", AT, null, new CancelDebt("debt-1"));

        JsonNode tree = TallyJson.MAPPER.readTree(envelope.toJson());

        assertThat(tree.get("type").asText()).isEqualTo("CANCEL_DEBT");
        assertThat(tree.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(tree.get("issuedAt").asText()).isEqualTo("2026-11-27T10:15:30Z");
        assertThat(tree.has("correlationId")).isFalse();
        assertThat(tree.get("payload").has("type")).isFalse();
        assertThat(tree.get("payload").get("debtId").asText()).isEqualTo("debt-1");
    }

    @Test
    void json_writesMoneyAsDecimalString() throws Exception {
        CommandEnvelope envelope = CommandEnvelope.of(
                "cmd-1", "user-1", AT, null, new RecordPayment("debt-1", Money.of(1230, "EUR"), AT, null));

        JsonNode amount =
                TallyJson.MAPPER.readTree(envelope.toJson()).get("payload").get("amount");

        assertThat(amount.get("amount").isTextual()).isTrue();
        assertThat(amount.get("amount").asText()).isEqualTo("12.30");
        assertThat(amount.get("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void constructor_whenTypeDoesNotMatchPayload_throws() {
        assertThatThrownBy(() -> new CommandEnvelope(
                        "cmd-1", CommandType.SETTLE_DEBT, 1, "user-1", AT, null, new CancelDebt("debt-1")))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        new FieldProblem("type", "is SETTLE_DEBT but the payload is CANCEL_DEBT")));
    }

    @Test
    void constructor_whenSchemaVersionUnsupported_throws() {
        assertThatThrownBy(() -> new CommandEnvelope(
                        "cmd-1", CommandType.CANCEL_DEBT, 2, "user-1", AT, null, new CancelDebt("debt-1")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("schemaVersion");
    }

    @Test
    void constructor_reportsEveryMissingField() {
        assertThatThrownBy(() -> new CommandEnvelope(null, null, 1, null, null, null, null))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactlyInAnyOrder("commandId", "type", "userId", "issuedAt", "payload"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cmd with space", "cmd/slash", ""})
    void constructor_whenCommandIdNotAnId_throws(String commandId) {
        assertThatThrownBy(() -> CommandEnvelope.of(commandId, "user-1", AT, null, new CancelDebt("debt-1")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("commandId");
    }

    @Test
    void debtId_isThePayloads() {
        assertThat(CommandEnvelope.of("c", "u", AT, null, new CancelDebt("debt-9"))
                        .debtId())
                .isEqualTo("debt-9");
    }

    @Test
    void parse_ignoresUnknownPropertiesAtEveryLevel() {
        Validated<CommandEnvelope> read = CommandEnvelope.parse(Fixtures.load("create-debt/v1/extra-properties.json"));

        CreateDebt create = (CreateDebt) read.orElseThrow().payload();
        assertThat(create.counterparty()).isEqualTo(Counterparty.named("Carol"));
        assertThat(create.amount()).isEqualTo(Money.of(125, "KWD"));
    }

    @Test
    void parse_whenNotAnObject_saysSo() {
        assertThat(CommandEnvelope.parse("[]").problems())
                .containsExactly(new FieldProblem("body", "must be a JSON object"));
        assertThat(CommandEnvelope.parse("\"x\"").problems())
                .containsExactly(new FieldProblem("body", "must be a JSON object"));
    }

    @Test
    void parse_whenPayloadMissingOrNotAnObject_saysSo() {
        String base =
                "{\"commandId\":\"c\",\"type\":\"CANCEL_DEBT\",\"schemaVersion\":1,\"userId\":\"u\",\"issuedAt\":\"2026-11-27T10:15:30Z\"";
        assertThat(CommandEnvelope.parse(base + "}").problems())
                .containsExactly(new FieldProblem("payload", "is required"));
        assertThat(CommandEnvelope.parse(base + ",\"payload\":[]}").problems())
                .containsExactly(new FieldProblem("payload", "must be a JSON object"));
        assertThat(CommandEnvelope.parse(base.replace("1,", "\"1\",") + ",\"payload\":{\"debtId\":\"d\"}}")
                        .problems())
                .containsExactly(new FieldProblem("schemaVersion", "must be a whole JSON number"));
    }

    @Test
    void parse_whenPayloadInvalid_prefixesPathWithPayload() {
        String json = "{\"commandId\":\"c\",\"type\":\"CANCEL_DEBT\",\"schemaVersion\":1,\"userId\":\"u\","
                + "\"issuedAt\":\"2026-11-27T10:15:30Z\",\"payload\":{\"debtId\":7}}";
        assertThat(CommandEnvelope.parse(json).problems())
                .containsExactly(new FieldProblem("payload.debtId", "must be a JSON string"));
    }

    @Test
    void parse_whenARequiredPartIsMissing_refusesItOnceWithItsField() {
        String json = "{\"type\":\"CANCEL_DEBT\",\"schemaVersion\":1,\"userId\":\"u\","
                + "\"issuedAt\":\"2026-11-27T10:15:30Z\",\"payload\":{\"debtId\":\"d\"}}";

        assertThat(CommandEnvelope.parse(json).problems())
                .containsExactly(new FieldProblem("commandId", "is required"));
    }

    @Test
    void parse_whenJsonAndRuleProblemsMix_reportsEachOnce() {
        // issuedAt is unreadable JSON text; commandId breaks the id rule; userId is missing.
        String json = "{\"commandId\":\"bad id\",\"type\":\"CANCEL_DEBT\",\"schemaVersion\":1,"
                + "\"issuedAt\":\"yesterday\",\"payload\":{\"debtId\":\"d\"}}";

        assertThat(CommandEnvelope.parse(json).problems())
                .containsExactlyInAnyOrder(
                        new FieldProblem("issuedAt", "must be an ISO-8601 instant like \"2026-11-27T10:15:30Z\""),
                        new FieldProblem("commandId", "must contain only letters, digits, '.', '_', ':' and '-'"),
                        new FieldProblem("userId", "is required"));
    }

    @Test
    void parse_whenThePayloadCannotBeRead_doesNotAlsoCallItMissing() {
        String unknownType = "{\"commandId\":\"c\",\"type\":\"EXPLODE\",\"schemaVersion\":1,\"userId\":\"u\","
                + "\"issuedAt\":\"2026-11-27T10:15:30Z\",\"payload\":{\"debtId\":\"d\"}}";
        String futureVersion = unknownType.replace("EXPLODE", "CANCEL_DEBT").replace(":1,", ":2,");

        assertThat(CommandEnvelope.parse(unknownType).problems())
                .extracting(FieldProblem::field)
                .containsExactly("type");
        assertThat(CommandEnvelope.parse(futureVersion).problems())
                .containsExactly(new FieldProblem("schemaVersion", CommandEnvelope.unsupportedVersion(2)));
    }

    @Test
    void supportedVersions_containTheWrittenVersion() {
        assertThat(CommandEnvelope.SUPPORTED_SCHEMA_VERSIONS).contains(CommandEnvelope.SCHEMA_VERSION);
        assertThat(List.of(CommandType.values()))
                .allSatisfy(t -> assertThat(t.payloadType()).isNotNull());
    }
}
