package dev.tally.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {

    private static final Commands COMMANDS = new Commands("user-a", "debt-1");

    @Test
    void parse_whenTheBodyIsAnEnvelope_returnsTheCommand() {
        var payment = COMMANDS.payment("cmd-2", 1_250);

        ParsedMessage parsed = CommandParser.parse(payment.toJson());

        assertThat(parsed).isEqualTo(new ParsedMessage.Command(payment));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"commandId\": |MALFORMED_JSON",
                "[1, 2]|MALFORMED_JSON",
                "{\"commandId\":\"c\",\"type\":\"FORGIVE_DEBT\",\"schemaVersion\":1,\"userId\":\"u\",\"issuedAt\":\"2026-11-27T10:00:00Z\",\"payload\":{\"debtId\":\"d\"}}|UNKNOWN_COMMAND_TYPE",
                "{\"commandId\":\"c\",\"type\":\"SETTLE_DEBT\",\"schemaVersion\":1,\"userId\":\"u\",\"issuedAt\":\"2026-11-27T10:00:00Z\",\"payload\":{\"note\":\"no debt id\"}}|INVALID_COMMAND",
                "{\"commandId\":\"c\",\"type\":\"CANCEL_DEBT\",\"schemaVersion\":9,\"userId\":\"u\",\"issuedAt\":\"2026-11-27T10:00:00Z\",\"payload\":{\"debtId\":\"d\"}}|INVALID_COMMAND"
            })
    void parse_whenTheBodyCanNeverBeACommand_saysWhy(String body, UnparseableReason expected) {
        ParsedMessage parsed = CommandParser.parse(body);

        assertThat(parsed)
                .isInstanceOfSatisfying(
                        ParsedMessage.Poison.class,
                        poison -> assertThat(poison.problem().reason()).isEqualTo(expected));
    }

    @Test
    void parse_whenAFieldIsInvalid_namesTheFieldButNotItsValue() {
        String body = "{\"commandId\":\"c\",\"type\":\"RECORD_PAYMENT\",\"schemaVersion\":1,\"userId\":\"u\","
                + "\"issuedAt\":\"2026-11-27T10:00:00Z\",\"payload\":{\"debtId\":\"d\",\"amount\":{\"amount\":\"-7.77\","
                + "\"currency\":\"EUR\"},\"paidAt\":\"2026-11-27T09:00:00Z\"}}";

        ParsedMessage.Poison poison = (ParsedMessage.Poison) CommandParser.parse(body);

        assertThat(poison.problem().detail()).contains("amount").doesNotContain("7.77");
    }
}
