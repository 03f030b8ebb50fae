package dev.tally.common.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The HS256 key that signs and verifies Tally's own access tokens.
 *
 * <p>Encoding: the key material is the UTF-8 bytes of the secret string, exactly as stored in
 * Secrets Manager (what {@code GenerateSecretString} produces), and must be at least 32 bytes
 * (256 bits, the HS256 minimum of RFC 7518). {@link #toString()} never shows the key.
 */
public final class HmacKey {

    /** The least key material accepted, in bytes. */
    public static final int MINIMUM_BYTES = 32;

    private final byte[] bytes;

    private HmacKey(byte[] bytes) {
        if (bytes.length < MINIMUM_BYTES) {
            throw new IllegalArgumentException("The JWT signing secret must hold at least " + MINIMUM_BYTES
                    + " bytes (256 bits) of key material; it holds " + bytes.length
                    + ". Store a longer random secret string (e.g. 64 characters).");
        }
        this.bytes = bytes;
    }

    /** The key whose material is the UTF-8 bytes of a secret string. */
    public static HmacKey fromSecretString(String secret) {
        Objects.requireNonNull(secret, "secret");
        return new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the key material. */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "HmacKey[" + bytes.length + " bytes, redacted]";
    }
}
