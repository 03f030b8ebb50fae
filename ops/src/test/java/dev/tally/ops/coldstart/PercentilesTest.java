package dev.tally.ops.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void of_usesTheNearestRank() {
        List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 9.0, 8.0, 7.0, 6.0);

        assertThat(Percentiles.of(values, 50)).hasValue(5.0);
        assertThat(Percentiles.of(values, 90)).hasValue(9.0);
        assertThat(Percentiles.of(values, 91)).hasValue(10.0);
        assertThat(Percentiles.of(values, 100)).hasValue(10.0);
        assertThat(Percentiles.of(List.of(7.0), 50)).hasValue(7.0);
    }

    @Test
    void of_whenEmpty_isEmpty_andRejectsPercentilesOutsideTheRange() {
        assertThat(Percentiles.of(List.of(), 50)).isEmpty();
        assertThatThrownBy(() -> Percentiles.of(List.of(1.0), 0)).hasMessageContaining("(0, 100], was 0.0");
    }
}
