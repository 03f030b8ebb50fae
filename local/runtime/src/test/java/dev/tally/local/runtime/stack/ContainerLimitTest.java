package dev.tally.local.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --max-containers}: a number as given, {@code auto} from the cores. */
class ContainerLimitTest {

    @Test
    void autoGivesOnePerCoreAndNeverFewerThanTwo() {
        assertThat(ContainerLimit.parse("auto", 1)).isEqualTo(2);
        assertThat(ContainerLimit.parse("auto", 2)).isEqualTo(2);
        assertThat(ContainerLimit.parse("auto", 4)).isEqualTo(4);
        assertThat(ContainerLimit.parse("AUTO", 8)).isEqualTo(8);
        assertThat(ContainerLimit.auto(0)).isEqualTo(2);
    }

    @Test
    void aNumberIsTakenAsGiven() {
        assertThat(ContainerLimit.parse("1", 8)).isEqualTo(1);
        assertThat(ContainerLimit.parse(" 7 ", 2)).isEqualTo(7);
    }

    @Test
    void zeroNegativeAndWordsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> ContainerLimit.parse("0", 2)).hasMessageContaining("--max-containers");
        assertThatThrownBy(() -> ContainerLimit.parse("-3", 2)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ContainerLimit.parse("many", 2)).hasMessageContaining("number or auto");
    }
}
