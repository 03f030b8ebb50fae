package dev.tally.api.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"a", "payment-0001", "A_b-9", "0123456789012345678901234567890123456789012345678901234567890123"
            })
    void problem_whenKeyHasTheAcceptedShape_isEmpty(String key) {
        assertThat(IdempotencyKey.problem(key)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "not a valid key!",
                "key/with/slash",
                "ключ",
                "01234567890123456789012345678901234567890123456789012345678901234"
            })
    void problem_whenKeyIsMissingOrMisshapen_namesTheRule(String key) {
        assertThat(IdempotencyKey.problem(key)).contains(IdempotencyKey.PROBLEM);
    }
}
