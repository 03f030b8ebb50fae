package dev.tally.common.auth;

import dev.tally.common.aws.SecretValues;
import java.util.Objects;

/**
 * Where the HS256 key comes from. The verifier and issuer ask once, at construction, so a
 * container reads its key once; tests pass a key directly with {@link #of(HmacKey)}.
 */
@FunctionalInterface
public interface JwtKeySource {

    /** The key; may call Secrets Manager. */
    HmacKey hmacKey();

    /** A source holding a key already in memory (tests, tools). */
    static JwtKeySource of(HmacKey key) {
        Objects.requireNonNull(key, "key");
        return () -> key;
    }

    /** The key stored as a secret string in Secrets Manager ({@code JWT_SECRET_ARN}). */
    static JwtKeySource fromSecretsManager(SecretValues secrets, String secretId) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(secretId, "secretId");
        return () -> HmacKey.fromSecretString(secrets.secretString(secretId));
    }
}
