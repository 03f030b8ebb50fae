package dev.tally.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private static final int TEST_ITERATIONS = 1_000;
    private final PasswordHasher hasher = new PasswordHasher(TEST_ITERATIONS);

    @Test
    void defaultIterations_areAtLeastSixHundredThousand() {
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
        String stored = new PasswordHasher().hash("correct horse");
        assertThat(stored).startsWith("pbkdf2-sha256$600000$");
    }

    @Test
    void verify_whenSamePassword_matches() {
        String stored = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery staple", stored)).isTrue();
    }

    @Test
    void verify_whenWrongPassword_doesNotMatch() {
        String stored = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery stapler", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
    }

    @Test
    void hash_hasTheDocumentedFormWithA16ByteSaltAnd32ByteHash() {
        String[] parts = hasher.hash("pw").split("\\$");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo(String.valueOf(TEST_ITERATIONS));
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void hash_usesAFreshSaltEachTime() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void verify_readsIterationsBackFromTheStoredValue() {
        String madeWithFewer = new PasswordHasher(500).hash("pw");
        PasswordHasher stronger = new PasswordHasher(2_000);

        assertThat(stronger.verify("pw", madeWithFewer)).isTrue();
        assertThat(stronger.needsRehash(madeWithFewer)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("pw"))).isFalse();
    }

    @Test
    void verify_whenIterationCountTampered_doesNotMatch() {
        String stored = hasher.hash("pw");
        String tampered = stored.replace("$" + TEST_ITERATIONS + "$", "$" + (TEST_ITERATIONS + 1) + "$");

        assertThat(hasher.verify("pw", tampered)).isFalse();
    }

    @Test
    void verify_whenHashBytesTampered_doesNotMatch() {
        String[] parts = hasher.hash("pw").split("\\$");
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        hash[0] ^= 1;
        String tampered = parts[0] + "$" + parts[1] + "$" + parts[2] + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(hash);

        assertThat(hasher.verify("pw", tampered)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "bcrypt$10$abc$def",
                "pbkdf2-sha256$many$c2FsdHNhbHRzYWx0$aGFzaA",
                "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "pbkdf2-sha256$1000$***$***",
                "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA$extra"
            })
    void verify_whenStoredValueUnusable_refusesWithoutEchoingIt(String stored) {
        assertThatThrownBy(() -> hasher.verify("pw", stored))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Stored password hash is unusable");
    }

    @Test
    void verifyAgainstDummy_doesTheSameDerivationWorkAndNeverMatches() {
        List<Integer> iterationsDerived = new ArrayList<>();
        PasswordHasher.Derivation counting = (password, salt, iterations, hashBytes) -> {
            iterationsDerived.add(iterations);
            return new byte[hashBytes];
        };
        PasswordHasher observed = new PasswordHasher(TEST_ITERATIONS, new SecureRandom(), counting);

        assertThat(observed.verifyAgainstDummy("anything")).isFalse();
        observed.verify("anything", hasher.hash("x"));

        assertThat(iterationsDerived).containsExactly(TEST_ITERATIONS, TEST_ITERATIONS);
    }

    @Test
    void verifyAgainstDummy_withTheRealDerivation_answersFalse() {
        assertThat(hasher.verifyAgainstDummy("")).isFalse();
        assertThat(hasher.verifyAgainstDummy("tally-dummy-salt")).isFalse();
    }

    @Test
    void constructor_whenIterationsOutOfRange_refuses() {
        assertThatThrownBy(() -> new PasswordHasher(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations");
    }
}
