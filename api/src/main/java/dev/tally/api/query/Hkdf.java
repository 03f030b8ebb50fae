package dev.tally.api.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) with the default salt (32 zero bytes), producing one 32-byte key: enough
 * to derive a purpose-bound key from a master secret, so that one secret never serves two purposes.
 */
final class Hkdf {

    static final String ALGORITHM = "HmacSHA256";
    static final int KEY_BYTES = 32;

    private Hkdf() {}

    /** The 32-byte key derived from {@code inputKeyMaterial} for the purpose named by {@code label}. */
    static byte[] deriveKey(byte[] inputKeyMaterial, String label) {
        try {
            Mac extract = Mac.getInstance(ALGORITHM);
            extract.init(new SecretKeySpec(new byte[KEY_BYTES], ALGORITHM));
            byte[] pseudoRandomKey = extract.doFinal(inputKeyMaterial);
            Mac expand = Mac.getInstance(ALGORITHM);
            expand.init(new SecretKeySpec(pseudoRandomKey, ALGORITHM));
            expand.update(label.getBytes(StandardCharsets.UTF_8));
            expand.update((byte) 1);
            return expand.doFinal();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", unavailable);
        }
    }
}
