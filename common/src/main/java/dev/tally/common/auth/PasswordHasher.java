package dev.tally.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and checks passwords with PBKDF2-HMAC-SHA256 from the JDK.
 *
 * <p>Stored form: {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>} with a 16-byte
 * random salt per password and a 32-byte hash; verification reads the iterations, salt and hash
 * length back from the stored value (so the cost can be raised later without breaking old
 * hashes, see {@link #needsRehash}) and compares in constant time. {@link #verifyAgainstDummy}
 * spends the same work when the e-mail is unknown, so login answers take as long either way.
 */
public final class PasswordHasher {

    /** The default (and production) work factor: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final byte[] DUMMY_SALT = "tally-dummy-salt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DUMMY_HASH = new byte[HASH_BYTES];

    /** The key derivation, replaceable in tests to observe the work done. */
    @FunctionalInterface
    interface Derivation {
        byte[] derive(String password, byte[] salt, int iterations, int hashBytes);
    }

    private final int iterations;
    private final SecureRandom random;
    private final Derivation derivation;

    /** A hasher with {@link #DEFAULT_ITERATIONS}. */
    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /** A hasher with another work factor (tests use a small one; production keeps the default). */
    public PasswordHasher(int iterations) {
        this(iterations, new SecureRandom(), PasswordHasher::pbkdf2);
    }

    PasswordHasher(int iterations, SecureRandom random, Derivation derivation) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "iterations must be between 1 and " + MAX_ITERATIONS + ", was " + iterations);
        }
        this.iterations = iterations;
        this.random = Objects.requireNonNull(random, "random");
        this.derivation = Objects.requireNonNull(derivation, "derivation");
    }

    /** Hashes a password with a fresh random salt, in the stored form. */
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derivation.derive(password, salt, iterations, HASH_BYTES);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /**
     * Whether the password matches the stored hash.
     *
     * @throws IllegalArgumentException when the stored value is not a hash this class wrote
     */
    public boolean verify(String password, String storedHash) {
        Objects.requireNonNull(password, "password");
        StoredHash stored = StoredHash.parse(storedHash);
        byte[] candidate = derivation.derive(password, stored.salt(), stored.iterations(), stored.hash().length);
        return MessageDigest.isEqual(candidate, stored.hash());
    }

    /**
     * Spends the work of one {@link #verify} and answers false: call it when the e-mail is unknown,
     * so an unknown e-mail and a wrong password cost the same.
     */
    public boolean verifyAgainstDummy(String password) {
        Objects.requireNonNull(password, "password");
        byte[] candidate = derivation.derive(password, DUMMY_SALT, iterations, HASH_BYTES);
        MessageDigest.isEqual(candidate, DUMMY_HASH);
        return false;
    }

    /** Whether a stored hash was made with fewer iterations than this hasher uses now. */
    public boolean needsRehash(String storedHash) {
        return StoredHash.parse(storedHash).iterations() < iterations;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int hashBytes) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, hashBytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", unavailable);
        } finally {
            spec.clearPassword();
        }
    }

    /** The parts of a stored hash. */
    record StoredHash(int iterations, byte[] salt, byte[] hash) {

        private static final String FORM = SCHEME + "$<iterations>$<salt base64>$<hash base64>";

        static StoredHash parse(String stored) {
            if (stored == null) {
                throw invalid("it is missing");
            }
            String[] parts = stored.split("\\$", -1);
            if (parts.length != 4 || !SCHEME.equals(parts[0])) {
                throw invalid("it does not have the form " + FORM);
            }
            int iterations;
            try {
                iterations = Integer.parseInt(parts[1]);
            } catch (NumberFormatException notANumber) {
                throw invalid("its iteration count is not a number");
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw invalid("its iteration count is outside 1.." + MAX_ITERATIONS);
            }
            byte[] salt = decode(parts[2], "salt");
            byte[] hash = decode(parts[3], "hash");
            if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
                throw invalid("its salt or hash has an impossible length");
            }
            return new StoredHash(iterations, salt, hash);
        }

        private static byte[] decode(String part, String name) {
            try {
                return Base64.getDecoder().decode(part);
            } catch (IllegalArgumentException notBase64) {
                throw invalid("its " + name + " is not base64");
            }
        }

        private static IllegalArgumentException invalid(String why) {
            return new IllegalArgumentException("Stored password hash is unusable: " + why);
        }
    }
}
