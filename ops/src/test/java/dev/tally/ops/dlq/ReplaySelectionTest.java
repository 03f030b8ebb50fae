package dev.tally.ops.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The replay's selection, durations, message reading and ledger reading, alone. */
class ReplaySelectionTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path directory;

    @Test
    void selects_whenFilteredByGroupTypeAndAge_keepsOnlyWhatMatchesAll() {
        DeadLetterMessage payment = message(
                "user-1",
                "{\"commandId\":\"p1\",\"userId\":\"user-1\",\"type\":\"RECORD_PAYMENT\"}",
                NOW.minus(Duration.ofHours(3)));

        assertThat(ReplaySelection.ALL.selects(payment, NOW)).isTrue();
        assertThat(selection(Set.of("user-2"), Set.of(), null, null).selects(payment, NOW))
                .isFalse();
        assertThat(selection(Set.of("user-1"), Set.of("record_payment"), null, null)
                        .selects(payment, NOW))
                .isTrue();
        assertThat(selection(Set.of(), Set.of("CREATE_DEBT"), null, null).selects(payment, NOW))
                .isFalse();
        assertThat(selection(Set.of(), Set.of(), Duration.ofHours(2), null).selects(payment, NOW))
                .isTrue();
        assertThat(selection(Set.of(), Set.of(), Duration.ofHours(4), null).selects(payment, NOW))
                .isFalse();
        assertThat(selection(Set.of(), Set.of(), null, Duration.ofHours(4)).selects(payment, NOW))
                .isTrue();
        assertThat(selection(Set.of(), Set.of(), null, Duration.ofHours(2)).selects(payment, NOW))
                .isFalse();
    }

    @Test
    void of_whenTheBodyIsNotACommand_isUnparseable_andTheWorkersReasonWins() {
        DeadLetterMessage notJson = message("user-1", "not json", NOW);
        DeadLetterMessage marked = DeadLetterMessage.of(Message.builder()
                .messageId("m")
                .receiptHandle("r")
                .body("{}")
                .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, "g"))
                .messageAttributes(Map.of(
                        "failureReason",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("MISSING_FIELDS")
                                .build()))
                .build());

        assertThat(notJson.unparseable()).isEqualTo("NOT_A_COMMAND_ENVELOPE");
        assertThat(notJson.commandId()).isNull();
        assertThat(marked.unparseable()).isEqualTo("MISSING_FIELDS");
    }

    @Test
    void durations_readShortAndIsoForms_andRefuseTheRest() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(Durations.parse("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> Durations.parse("2 hours"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("use e.g. 90s, 15m, 2h, 3d or PT2H");
        assertThatThrownBy(() -> Durations.parse("0s")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void ledger_whenWrittenThenRead_givesEachMessagesOutcomes_andIgnoresATornLastLine() throws Exception {
        Path file = directory.resolve("ledger.jsonl");
        DeadLetterMessage message =
                message("user-1", "{\"commandId\":\"c1\",\"userId\":\"user-1\",\"type\":\"CREATE_DEBT\"}", NOW);
        try (ReplayLedger ledger = ReplayLedger.appendingTo(file, Clock.fixed(NOW, ZoneOffset.UTC))) {
            ledger.record(message, ReplayLedger.Outcome.SENT, null);
            ledger.record(message, ReplayLedger.Outcome.DELETED, null);
        }
        Files.writeString(file, "{\"messageId\":\"x\",\"outc", java.nio.file.StandardOpenOption.APPEND);

        assertThat(ReplayLedger.read(file))
                .isEqualTo(Map.of("m-1", List.of(ReplayLedger.Outcome.SENT, ReplayLedger.Outcome.DELETED)));
        assertThat(Files.readAllLines(file).get(0))
                .isEqualTo(
                        "{\"time\":\"2026-12-04T12:00:00Z\",\"messageId\":\"m-1\",\"group\":\"user-1\",\"commandId\":\"c1\",\"outcome\":\"SENT\"}");
    }

    private static ReplaySelection selection(
            Set<String> groups, Set<String> types, Duration olderThan, Duration newerThan) {
        return new ReplaySelection(
                groups,
                types.stream().map(String::toUpperCase).collect(java.util.stream.Collectors.toSet()),
                olderThan,
                newerThan);
    }

    private static DeadLetterMessage message(String group, String body, Instant sent) {
        return DeadLetterMessage.of(Message.builder()
                .messageId("m-1")
                .receiptHandle("r-1")
                .body(body)
                .attributes(Map.of(
                        MessageSystemAttributeName.MESSAGE_GROUP_ID,
                        group,
                        MessageSystemAttributeName.SENT_TIMESTAMP,
                        Long.toString(sent.toEpochMilli()),
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        "5"))
                .build());
    }
}
