package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldProblemTest {

    @Test
    void twoArgumentConstructor_whenNoCodeGiven_isInvalid() {
        assertThat(new FieldProblem("name", "is required").code()).isEqualTo(FieldProblem.Code.INVALID);
    }

    @Test
    void under_whenPrefixed_keepsTheCode() {
        FieldProblem unknown = new FieldProblem("type", "is not known", FieldProblem.Code.UNKNOWN_COMMAND_TYPE);

        assertThat(unknown.under("payload"))
                .isEqualTo(new FieldProblem("payload.type", "is not known", FieldProblem.Code.UNKNOWN_COMMAND_TYPE));
        assertThat(new FieldProblem(FieldProblem.BODY, "x", FieldProblem.Code.UNKNOWN_COMMAND_TYPE)
                        .under("p")
                        .code())
                .isEqualTo(FieldProblem.Code.UNKNOWN_COMMAND_TYPE);
    }

    @Test
    void is_whenCodesDiffer_isFalse() {
        assertThat(new FieldProblem("type", "x").is(FieldProblem.Code.UNKNOWN_COMMAND_TYPE))
                .isFalse();
        assertThat(new FieldProblem("type", "x", FieldProblem.Code.UNKNOWN_COMMAND_TYPE)
                        .is(FieldProblem.Code.UNKNOWN_COMMAND_TYPE))
                .isTrue();
    }
}
