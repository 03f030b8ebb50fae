package dev.tally.common.auth;

import dev.tally.common.aws.SecretValues;
import java.util.Objects;

/**
 * Where the HS256 keys come from. The verifier and issuer ask for the {@link #keyRing()} at each
 * use; the Secrets Manager source ({@link ReloadingJwtKeys}) answers from memory and re-reads the
 * secret when its time to live has passed or after a SnapStart restore, so a rotated key reaches
 * running and restored containers. Tests pass a key directly with {@link #of(HmacKey)}.
 */
@FunctionalInterface
public interface JwtKeySource {

    /** The signing key; may call Secrets Manager. */
    HmacKey hmacKey();

    /** The signing key and every key that still verifies (rotation); may call Secrets Manager. */
    default JwtKeyRing keyRing() {
        return JwtKeyRing.single(hmacKey());
    }

    /** A source holding a key already in memory (tests, tools). */
    static JwtKeySource of(HmacKey key) {
        Objects.requireNonNull(key, "key");
        return () -> key;
    }

    /**
     * The keys stored as a secret string in Secrets Manager ({@code JWT_SECRET_ARN}; a plain key or
     * the rotation JSON of {@link JwtKeyRing}), re-read every {@link ReloadingJwtKeys#DEFAULT_TIME_TO_LIVE}.
     */
    static ReloadingJwtKeys fromSecretsManager(SecretValues secrets, String secretId) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(secretId, "secretId");
        return new ReloadingJwtKeys(
                () -> secrets.fetchSecretString(secretId),
                ReloadingJwtKeys.DEFAULT_TIME_TO_LIVE,
                java.time.Clock.systemUTC());
    }
}
