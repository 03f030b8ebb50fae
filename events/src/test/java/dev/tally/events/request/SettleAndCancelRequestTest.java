package dev.tally.events.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.FieldProblem;
import dev.tally.events.JsonBodies;
import dev.tally.events.command.CancelDebt;
import dev.tally.events.command.SettleDebt;
import org.junit.jupiter.api.Test;

class SettleAndCancelRequestTest {

    @Test
    void settle_withAndWithoutNote() {
        assertThat(JsonBodies.parse("{\"note\":\"even\"}", SettleDebtRequest.class)
                        .flatMap(r -> r.validate("debt-1"))
                        .orElseThrow())
                .isEqualTo(new SettleDebt("debt-1", "even"));
        assertThat(JsonBodies.parse("{}", SettleDebtRequest.class)
                        .flatMap(r -> r.validate("debt-1"))
                        .orElseThrow())
                .isEqualTo(new SettleDebt("debt-1", null));
    }

    @Test
    void settle_noteWithControlCharacters_isRefused() {
        assertThat(new SettleDebtRequest("bell\u0007").validate("debt-1").problems())
                .singleElement()
                .extracting(FieldProblem::field)
                .isEqualTo("note");
        assertThat(new SettleDebtRequest("line one\nline two\ttab")
                        .validate("debt-1")
                        .isValid())
                .isTrue();
    }

    @Test
    void settle_unknownProperty_isNamed() {
        assertThat(JsonBodies.parse("{\"amount\":\"5\"}", SettleDebtRequest.class)
                        .problems())
                .containsExactly(new FieldProblem("amount", "is not a known property (known: note)"));
    }

    @Test
    void cancel_checksTheDebtId() {
        assertThat(CancelDebtRequest.validate("debt-1").orElseThrow()).isEqualTo(new CancelDebt("debt-1"));
        assertThat(CancelDebtRequest.validate("").problems())
                .containsExactly(new FieldProblem("debtId", "is required"));
        assertThat(CancelDebtRequest.validate("x".repeat(129)).problems())
                .containsExactly(new FieldProblem("debtId", "must be at most 128 characters"));
    }
}
