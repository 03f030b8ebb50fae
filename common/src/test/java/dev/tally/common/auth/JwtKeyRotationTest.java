package dev.tally.common.auth;

import static dev.tally.common.auth.TestTokens.CLOCK;
import static dev.tally.common.auth.TestTokens.OTHER_SECRET;
import static dev.tally.common.auth.TestTokens.SECRET;
import static dev.tally.common.auth.TestTokens.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.tally.common.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Key rotation: key ids, two keys overlapping, re-reads on a TTL and on demand (after a restore). */
class JwtKeyRotationTest {

    private static final String OLD = "{\"current\":\"2026-11\",\"keys\":{\"2026-11\":\"" + SECRET + "\"}}";
    private static final String ROTATING =
            "{\"current\":\"2026-12\",\"keys\":{\"2026-12\":\"" + OTHER_SECRET + "\",\"2026-11\":\"" + SECRET + "\"}}";
    private static final String NEW_ONLY = "{\"current\":\"2026-12\",\"keys\":{\"2026-12\":\"" + OTHER_SECRET + "\"}}";

    @Test
    void fromSecretString_aPlainKey_isOneKeyWithAnIdDerivedFromIt() {
        JwtKeyRing ring = JwtKeyRing.fromSecretString(SECRET);

        assertThat(ring.size()).isEqualTo(1);
        assertThat(ring.signingKeyId())
                .startsWith("k-")
                .isEqualTo(JwtKeyRing.fromSecretString(SECRET).signingKeyId())
                .isNotEqualTo(JwtKeyRing.fromSecretString(OTHER_SECRET).signingKeyId());
    }

    @Test
    void fromSecretString_aRotationDocument_signsWithCurrentAndVerifiesWithBoth() {
        JwtKeyRing ring = JwtKeyRing.fromSecretString(ROTATING);

        assertThat(ring.signingKeyId()).isEqualTo("2026-12");
        assertThat(ring.verificationKeys("2026-11")).hasSize(1);
        assertThat(ring.verificationKeys("unknown")).isEmpty();
        assertThat(ring.verificationKeys(null)).hasSize(2);
        assertThat(ring.toString()).doesNotContain(SECRET).doesNotContain(OTHER_SECRET);
    }

    @Test
    void fromSecretString_whenCurrentIsNotAKey_refusesWithoutShowingKeys() {
        assertThatThrownBy(() -> JwtKeyRing.fromSecretString("{\"current\":\"x\",\"keys\":{\"y\":\"" + SECRET + "\"}}"))
                .hasMessageContaining("\"current\" key id x")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> JwtKeyRing.fromSecretString("{not json")).hasMessageContaining("not valid JSON");
    }

    @Test
    void rotation_tokensOfTheOldKeyVerifyWhileBothKeysAreInTheSecret_thenNoLonger() {
        AtomicReference<String> secret = new AtomicReference<>(OLD);
        ReloadingJwtKeys keys = new ReloadingJwtKeys(secret::get, Duration.ofMinutes(5), CLOCK);
        String oldToken = new JwtIssuer(SETTINGS, keys, Duration.ofMinutes(10), CLOCK)
                .issue("user-1")
                .accessToken();
        JwtVerifier verifier = new JwtVerifier(SETTINGS, keys, CLOCK);

        secret.set(ROTATING);
        keys.reload();
        String newToken = new JwtIssuer(SETTINGS, keys, Duration.ofMinutes(10), CLOCK)
                .issue("user-2")
                .accessToken();

        assertThat(verifier.verify(oldToken)).isInstanceOf(TokenVerification.Verified.class);
        assertThat(verifier.verify(newToken)).isInstanceOf(TokenVerification.Verified.class);
        assertThat(keyIdOf(newToken)).isEqualTo("2026-12");

        secret.set(NEW_ONLY);
        keys.reload();
        assertThat(verifier.verify(oldToken)).isEqualTo(new TokenVerification.Rejected(TokenRejection.NO_MATCHING_KEY));
        assertThat(verifier.verify(newToken)).isInstanceOf(TokenVerification.Verified.class);
    }

    @Test
    void keyRing_rereadsTheSecretOnlyAfterItsTimeToLive() {
        AtomicInteger reads = new AtomicInteger();
        SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
        AtomicReference<String> secret = new AtomicReference<>(SECRET);
        ReloadingJwtKeys keys = new ReloadingJwtKeys(
                () -> {
                    reads.incrementAndGet();
                    return secret.get();
                },
                Duration.ofMinutes(5),
                clock);

        String first = keys.keyRing().signingKeyId();
        secret.set(OTHER_SECRET);
        clock.advance(Duration.ofSeconds(299));
        assertThat(keys.keyRing().signingKeyId()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(2));

        assertThat(keys.keyRing().signingKeyId()).isNotEqualTo(first);
        assertThat(reads).hasValue(2);
    }

    @Test
    void keyRing_whenAReReadFails_keepsTheKeysInHand() {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ReloadingJwtKeys keys = new ReloadingJwtKeys(
                () -> {
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    return SECRET;
                },
                Duration.ofMinutes(5),
                clock);
        String id = keys.keyRing().signingKeyId();

        failure.set(new IllegalStateException("Secrets Manager unavailable"));
        clock.advance(Duration.ofSeconds(600));

        assertThat(keys.keyRing().signingKeyId()).isEqualTo(id);
        assertThatThrownBy(keys::reload).hasMessageContaining("unavailable");
    }

    private static String keyIdOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
