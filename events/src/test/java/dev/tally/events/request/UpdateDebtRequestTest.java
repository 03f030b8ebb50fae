package dev.tally.events.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.FieldProblem;
import dev.tally.events.FieldUpdate;
import dev.tally.events.Fixtures;
import dev.tally.events.JsonBodies;
import dev.tally.events.Validated;
import dev.tally.events.command.UpdateDebt;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UpdateDebtRequestTest {

    private static Validated<UpdateDebt> validate(String body) {
        return JsonBodies.parse(body, UpdateDebtRequest.class).flatMap(r -> r.validate("debt-1"));
    }

    @Test
    void mergePatch_absentUnchanged_nullCleared_valueSet() {
        UpdateDebt command = validate(Fixtures.load("update-debt-request/v1/merge-patch.json"))
                .orElseThrow();

        assertThat(command)
                .isEqualTo(new UpdateDebt(
                        "debt-1",
                        FieldUpdate.unchanged(),
                        FieldUpdate.cleared(),
                        FieldUpdate.cleared(),
                        FieldUpdate.set(LocalDate.of(2027, 1, 15))));
    }

    @Test
    void newName_isSet() {
        assertThat(validate("{\"counterparty\":{\"name\":\"Bobby\"}}")
                        .orElseThrow()
                        .counterpartyName())
                .isEqualTo(FieldUpdate.set("Bobby"));
    }

    @Test
    void nullCounterparty_isRefusedWithAHint() {
        assertThat(validate(Fixtures.load("update-debt-request/v1/null-counterparty.json"))
                        .problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("counterparty");
                    assertThat(p.problem()).contains("{\"email\": null}");
                });
    }

    @Test
    void nullName_isRefused() {
        assertThat(validate("{\"counterparty\":{\"name\":null}}").problems())
                .containsExactly(new FieldProblem("counterparty.name", "cannot be null: a counterparty needs a name"));
    }

    @Test
    void emptyPatch_isRefused() {
        assertThat(validate("{}").problems())
                .containsExactly(
                        new FieldProblem("body", "must change at least one of counterparty, description, dueDate"));
        assertThat(validate("{\"counterparty\":{}}").problems())
                .containsExactly(new FieldProblem("counterparty", "must contain name or email"));
    }

    @Test
    void everyContentProblem_isReportedAtOnce() {
        assertThat(validate(
                                "{\"counterparty\":{\"name\":\"\",\"email\":\"nope\"},\"description\":\" \",\"dueDate\":\"tomorrow\"}")
                        .problems())
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("counterparty.name", "counterparty.email", "description", "dueDate");
    }

    @Test
    void unknownProperty_insideCounterparty_isNamed() {
        assertThat(validate("{\"counterparty\":{\"phone\":\"123\"}}").problems())
                .containsExactly(
                        new FieldProblem("counterparty.phone", "is not a known property (known: email, name)"));
    }
}
