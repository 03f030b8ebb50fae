package dev.tally.events.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.DecimalMoney;
import dev.tally.events.FieldProblem;
import dev.tally.events.Fixtures;
import dev.tally.events.JsonBodies;
import dev.tally.events.Limits;
import dev.tally.events.Money;
import dev.tally.events.Validated;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateDebtRequestTest {

    private static Validated<CreateDebt> validate(String body) {
        return JsonBodies.parse(body, CreateDebtRequest.class).flatMap(r -> r.validate("debt-1"));
    }

    @Test
    void validBody_becomesCommand() {
        CreateDebt command =
                validate(Fixtures.load("create-debt-request/v1/valid.json")).orElseThrow();

        assertThat(command)
                .isEqualTo(new CreateDebt(
                        "debt-1",
                        new Counterparty("Alice", "alice@example.com"),
                        Direction.OWED_TO_ME,
                        Money.of(1234, "EUR"),
                        "Dinner",
                        LocalDate.of(2026, 12, 31)));
    }

    @Test
    void minimalBody_leavesOptionalFieldsEmpty() {
        CreateDebt command = validate("{\"counterparty\":{\"name\":\"Bob\"},\"direction\":\"OWED_BY_ME\","
                        + "\"amount\":{\"amount\":\"1000\",\"currency\":\"JPY\"}}")
                .orElseThrow();

        assertThat(command.counterparty().email()).isNull();
        assertThat(command.description()).isNull();
        assertThat(command.dueDate()).isNull();
        assertThat(command.amount()).isEqualTo(Money.of(1000, "JPY"));
    }

    @Test
    void everythingWrong_reportsEveryProblemAtOnce() {
        Validated<CreateDebt> result = validate(Fixtures.load("create-debt-request/v1/everything-wrong.json"));

        assertThat(result.problems())
                .containsExactlyInAnyOrder(
                        new FieldProblem("counterparty.name", "must not be blank"),
                        new FieldProblem("counterparty.email", "must be an e-mail address like \"name@example.com\""),
                        new FieldProblem("direction", "must be one of OWED_BY_ME, OWED_TO_ME"),
                        new FieldProblem("amount.currency", "must be an upper-case ISO 4217 code like \"EUR\""),
                        new FieldProblem("description", "must not be blank: leave it out instead"),
                        new FieldProblem("dueDate", "must be a calendar date like \"2026-12-31\" (YYYY-MM-DD)"));
    }

    @Test
    void emptyObject_reportsEveryRequiredField() {
        assertThat(validate("{}").problems())
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("counterparty", "direction", "amount");
    }

    @Test
    void unknownProperty_isNamed() {
        assertThat(validate(Fixtures.load("create-debt-request/v1/unknown-property.json"))
                        .problems())
                .containsExactly(new FieldProblem(
                        "userId",
                        "is not a known property (known: amount, counterparty, description, direction, dueDate)"));
    }

    @Test
    void wrongType_isNamed() {
        assertThat(validate(Fixtures.load("create-debt-request/v1/wrong-type.json"))
                        .problems())
                .containsExactly(new FieldProblem("counterparty", "must be a JSON object"));
        assertThat(validate(Fixtures.load("create-debt-request/v1/numeric-amount.json"))
                        .problems())
                .containsExactly(new FieldProblem("amount.amount", "must be a JSON string"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "name too long|counterparty.name|must be at most 200 characters",
                "name with newline|counterparty.name|must not contain control characters",
                "description too long|description|must be at most 1000 characters",
                "due date out of range|dueDate|must be a date between 1900 and 9999",
                "due date with time|dueDate|must be a calendar date",
                "direction lower case|direction|must be one of OWED_BY_ME, OWED_TO_ME",
            })
    void fieldRule_isEnforced(String rule, String field, String problem) {
        CreateDebtRequest request = switch (rule) {
            case "name too long" -> request("x".repeat(Limits.NAME_MAX + 1), "OWED_TO_ME", null, null);
            case "name with newline" -> request("Al\nice", "OWED_TO_ME", null, null);
            case "description too long" -> request("Alice", "OWED_TO_ME", "d".repeat(Limits.DESCRIPTION_MAX + 1), null);
            case "due date out of range" -> request("Alice", "OWED_TO_ME", null, "1899-12-31");
            case "due date with time" -> request("Alice", "OWED_TO_ME", null, "2026-12-31T00:00:00Z");
            case "direction lower case" -> request("Alice", "owed_to_me", null, null);
            default -> throw new IllegalArgumentException(rule);
        };

        assertThat(request.validate("debt-1").problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.problem()).contains(problem);
        });
    }

    @Test
    void limitsAreInclusive() {
        CreateDebtRequest request =
                request("n".repeat(Limits.NAME_MAX), "OWED_TO_ME", "d".repeat(Limits.DESCRIPTION_MAX), "9999-12-31");

        assertThat(request.validate("debt-1").isValid()).isTrue();
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        assertThat(request(emoji.repeat(Limits.NAME_MAX), "OWED_TO_ME", null, null)
                        .validate("debt-1")
                        .isValid())
                .isTrue();
    }

    @Test
    void badDebtId_isReported() {
        assertThat(request("Alice", "OWED_TO_ME", null, null)
                        .validate("has space")
                        .problems())
                .extracting(FieldProblem::field)
                .containsExactly("debtId");
    }

    private static CreateDebtRequest request(String name, String direction, String description, String dueDate) {
        return new CreateDebtRequest(
                new CounterpartyBody(name, null), direction, new DecimalMoney("1.00", "EUR"), description, dueDate);
    }
}
