package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.command.CreateDebt;
import dev.tally.events.request.CreateDebtRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udc00b", "\\udbff", "x\\ud83d"})
    void createDebt_whenNameHasLoneSurrogate_isRejectedOnTheField(String escaped) {
        String body = "{\"counterparty\":{\"name\":\"" + escaped + "\"},\"direction\":\"OWED_TO_ME\","
                + "\"amount\":{\"amount\":\"1\",\"currency\":\"EUR\"},\"description\":\"d" + escaped + "\"}";

        Validated<CreateDebt> result =
                JsonBodies.parse(body, CreateDebtRequest.class).flatMap(r -> r.validate("debt-1"));

        assertThat(result.problems()).extracting(FieldProblem::field).contains("counterparty.name", "description");
        assertThat(result.problems())
                .extracting(FieldProblem::problem)
                .allMatch(message -> message.contains("surrogate"));
    }

    @Test
    void createDebt_whenNameHasAstralCharacters_isAccepted() {
        String body = "{\"counterparty\":{\"name\":\"\\ud83d\\ude00 \ud83e\udd84\"},\"direction\":\"OWED_TO_ME\","
                + "\"amount\":{\"amount\":\"1\",\"currency\":\"EUR\"}}";

        Validated<CreateDebt> result =
                JsonBodies.parse(body, CreateDebtRequest.class).flatMap(r -> r.validate("debt-1"));

        assertThat(result.problems()).isEmpty();
    }

    @Test
    void hasUnpairedSurrogate_agreesWithUtf8Encodability() {
        for (String text :
                List.of("", "abc", "\ud83d\ude00", "\ud83d", "\ude00", "\ude00\ud83d", "a\ud83d\ude00\ud83d")) {
            boolean encodable = StandardCharsets.UTF_8.newEncoder().canEncode(text);
            assertThat(TextRules.hasUnpairedSurrogate(text)).as(text).isEqualTo(!encodable);
        }
    }

    @Test
    void optionalEmail_whenLoneSurrogate_isRejected() {
        List<FieldProblem> problems = TextRules.problems();

        TextRules.optionalEmail(problems, "email", "a\ud800@example.com");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("email");
    }
}
