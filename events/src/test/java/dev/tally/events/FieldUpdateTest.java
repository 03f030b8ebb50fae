package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FieldUpdateTest {

    record Patch(FieldUpdate<String> text, FieldUpdate<LocalDate> date) {}

    @Test
    void read_absentIsUnchanged_nullIsCleared_valueIsSet() {
        Patch patch = JsonBodies.parse("{\"text\":null,\"date\":\"2026-12-31\"}", Patch.class)
                .orElseThrow();
        Patch empty = JsonBodies.parse("{}", Patch.class).orElseThrow();

        assertThat(patch.text()).isEqualTo(FieldUpdate.cleared());
        assertThat(patch.date()).isEqualTo(FieldUpdate.set(LocalDate.of(2026, 12, 31)));
        assertThat(empty.text()).isEqualTo(FieldUpdate.unchanged());
        assertThat(empty.date()).isEqualTo(FieldUpdate.unchanged());
    }

    @Test
    void read_whenValueHasWrongType_namesTheField() {
        assertThat(JsonBodies.parse("{\"date\":\"31/12/2026\"}", Patch.class).problems())
                .containsExactly(new FieldProblem("date", "must be a date like \"2026-12-31\""));
        assertThat(JsonBodies.parse("{\"text\":5}", Patch.class).problems())
                .containsExactly(new FieldProblem("text", "must be a JSON string"));
    }

    @Test
    void write_omitsUnchanged_writesNullForCleared() {
        assertThat(TallyJson.write(new Patch(FieldUpdate.unchanged(), FieldUpdate.cleared())))
                .isEqualTo("{\"date\":null}");
        assertThat(TallyJson.write(new Patch(FieldUpdate.set("x"), FieldUpdate.unchanged())))
                .isEqualTo("{\"text\":\"x\"}");
    }

    @Test
    void roundTrip_keepsAllThreeStates() {
        Patch patch = new Patch(FieldUpdate.cleared(), FieldUpdate.set(LocalDate.of(2027, 1, 1)));

        assertThat(JsonBodies.parse(TallyJson.write(patch), Patch.class).orElseThrow())
                .isEqualTo(patch);
    }

    @Test
    void applyTo_keepsClearsOrReplaces() {
        assertThat(FieldUpdate.<String>unchanged().applyTo("old")).isEqualTo("old");
        assertThat(FieldUpdate.<String>cleared().applyTo("old")).isNull();
        assertThat(FieldUpdate.set("new").applyTo("old")).isEqualTo("new");
    }

    @Test
    void map_andSetOrClear() {
        assertThat(FieldUpdate.set(2).map(n -> n + 1)).isEqualTo(FieldUpdate.set(3));
        assertThat(FieldUpdate.<Integer>cleared().map(n -> n + 1)).isEqualTo(FieldUpdate.cleared());
        assertThat(FieldUpdate.<Integer>unchanged().map(n -> n + 1)).isEqualTo(FieldUpdate.unchanged());
        assertThat(FieldUpdate.setOrClear(null)).isEqualTo(FieldUpdate.cleared());
        assertThat(FieldUpdate.setOrClear("a")).isEqualTo(FieldUpdate.set("a"));
    }

    @Test
    void set_refusesNull() {
        assertThatThrownBy(() -> FieldUpdate.set(null)).isInstanceOf(NullPointerException.class);
    }
}
