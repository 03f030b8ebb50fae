package dev.tally.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConditionalRetryTest {

    @Test
    void untilWritten_whenTheFirstAttemptWins_runsItOnceAndReturnsItsResult() {
        List<Integer> attempts = new ArrayList<>();

        String result = ConditionalRetry.untilWritten(
                5,
                attempt -> record(attempts, attempt, Optional.of("written")),
                budget -> new IllegalStateException("lost"));

        assertThat(result).isEqualTo("written");
        assertThat(attempts).containsExactly(1);
    }

    @Test
    void untilWritten_whenRacesAreLostThenWon_runsAgainNumberingEachAttempt() {
        List<Integer> attempts = new ArrayList<>();

        String result = ConditionalRetry.untilWritten(
                5,
                attempt -> record(attempts, attempt, attempt < 3 ? Optional.empty() : Optional.of("third")),
                budget -> new IllegalStateException("lost"));

        assertThat(result).isEqualTo("third");
        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void untilWritten_whenEveryRaceIsLost_throwsTheWritersExceptionAfterTheBudget() {
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> ConditionalRetry.<String>untilWritten(
                        2,
                        attempt -> record(attempts, attempt, Optional.empty()),
                        budget -> new IllegalStateException("lost " + budget + " races")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("lost 2 races");
        assertThat(attempts).containsExactly(1, 2);
    }

    @Test
    void untilWritten_whenTheBudgetIsBelowOne_refusesIt() {
        assertThatThrownBy(() -> ConditionalRetry.untilWritten(
                        0, attempt -> Optional.of("x"), budget -> new IllegalStateException("lost")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static <T> Optional<T> record(List<Integer> attempts, int attempt, Optional<T> result) {
        attempts.add(attempt);
        return result;
    }
}
