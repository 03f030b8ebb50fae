package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatedTest {

    private static final FieldProblem NAME = new FieldProblem("name", "is required");
    private static final FieldProblem AGE = new FieldProblem("age", "must be a JSON number");

    @Test
    void valid_holdsValueAndNoProblems() {
        Validated<String> result = Validated.valid("x");

        assertThat(result.isValid()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.orElseThrow()).isEqualTo("x");
    }

    @Test
    void invalid_needsAtLeastOneProblem() {
        assertThatThrownBy(() -> Validated.invalid(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalid_orElseThrow_throwsAndOrElseFallsBack() {
        Validated<String> result = Validated.invalid("name", "is required");

        assertThat(result.isValid()).isFalse();
        assertThat(result.orElse("fallback")).isEqualTo("fallback");
        assertThatThrownBy(result::orElseThrow)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name");
    }

    @Test
    void map_transformsValidAndKeepsProblems() {
        assertThat(Validated.valid(2).map(n -> n * 21).orElseThrow()).isEqualTo(42);
        assertThat(Validated.<Integer>invalid(List.of(NAME)).map(n -> n * 21).problems())
                .containsExactly(NAME);
    }

    @Test
    void flatMap_chainsValidation() {
        assertThat(Validated.valid(2)
                        .flatMap(n -> Validated.<Integer>invalid(List.of(AGE)))
                        .problems())
                .containsExactly(AGE);
        assertThat(Validated.valid(2).flatMap(n -> Validated.valid(n + 1)).orElseThrow())
                .isEqualTo(3);
    }

    @Test
    void combine_collectsEveryProblemInOrder() {
        Validated<String> combined = Validated.combine(
                () -> "built", Validated.invalid(List.of(NAME)), Validated.valid(1), Validated.invalid(List.of(AGE)));

        assertThat(combined.problems()).containsExactly(NAME, AGE);
    }

    @Test
    void combine_whenAllValid_builds() {
        assertThat(Validated.combine(() -> "built", Validated.valid(1), Validated.valid(2))
                        .orElseThrow())
                .isEqualTo("built");
    }

    @Test
    void under_prefixesFieldPaths() {
        assertThat(Validated.invalid(List.of(NAME, new FieldProblem("body", "is empty"), new FieldProblem("[0]", "x")))
                        .under("counterparty")
                        .problems())
                .extracting(FieldProblem::field)
                .containsExactly("counterparty.name", "counterparty", "counterparty[0]");
    }

    @Test
    void fieldProblem_needsAField() {
        assertThatThrownBy(() -> new FieldProblem(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
