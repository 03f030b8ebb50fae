package dev.tally.common.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HS256 keys of Tally's access tokens at one moment: the one that signs new tokens, and every
 * key that still verifies, by key id ({@code kid}). During a rotation the secret holds two keys, the
 * new one signing and the old one verifying the tokens it issued until they expire.
 *
 * <p>The secret string is either a plain key (one key; its id is {@code k-} and the first 8 hex
 * digits of its SHA-256) or JSON: {@code {"current": "2026-12", "keys": {"2026-12": "...", "2026-11": "..."}}}.
 * {@link #toString()} never shows a key.
 */
public final class JwtKeyRing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String signingKeyId;
    private final Map<String, HmacKey> keys;

    private JwtKeyRing(String signingKeyId, Map<String, HmacKey> keys) {
        if (!keys.containsKey(signingKeyId)) {
            throw new IllegalArgumentException(
                    "The JWT secret's \"current\" key id " + signingKeyId + " is not among its \"keys\"");
        }
        this.signingKeyId = signingKeyId;
        this.keys = Map.copyOf(keys);
    }

    /** A ring of one key (tests, tools, a plain secret string). */
    public static JwtKeyRing single(HmacKey key) {
        return new JwtKeyRing(keyIdOf(key), Map.of(keyIdOf(key), key));
    }

    /** Reads a secret string: a plain key, or the JSON form with {@code current} and {@code keys}. */
    public static JwtKeyRing fromSecretString(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (!secret.stripLeading().startsWith("{")) {
            return single(HmacKey.fromSecretString(secret));
        }
        JsonNode document;
        try {
            document = JSON.readTree(secret);
        } catch (java.io.IOException malformed) {
            throw new IllegalArgumentException("The JWT secret starts with '{' but is not valid JSON"
                    + " ({\"current\": \"<kid>\", \"keys\": {\"<kid>\": \"<key>\"}})");
        }
        JsonNode current = document.path("current");
        JsonNode keyNodes = document.path("keys");
        if (!current.isTextual() || !keyNodes.isObject() || keyNodes.isEmpty()) {
            throw new IllegalArgumentException(
                    "The JWT secret's JSON needs \"current\" (a key id) and \"keys\" (kid → key)");
        }
        Map<String, HmacKey> keys = new LinkedHashMap<>();
        keyNodes.fields()
                .forEachRemaining(entry -> keys.put(
                        entry.getKey(),
                        HmacKey.fromSecretString(entry.getValue().asText())));
        return new JwtKeyRing(current.asText(), keys);
    }

    /** The key id of new tokens ({@code kid} header). */
    public String signingKeyId() {
        return signingKeyId;
    }

    /** The key that signs new tokens. */
    public HmacKey signingKey() {
        return keys.get(signingKeyId);
    }

    /**
     * The keys that may verify a token: the one named by its {@code kid}, or, for a token without
     * one (issued before key ids), every key, the signing key first.
     */
    public List<HmacKey> verificationKeys(String keyId) {
        if (keyId != null) {
            HmacKey key = keys.get(keyId);
            return key == null ? List.of() : List.of(key);
        }
        List<HmacKey> all = new ArrayList<>();
        all.add(signingKey());
        keys.forEach((id, key) -> {
            if (!id.equals(signingKeyId)) {
                all.add(key);
            }
        });
        return all;
    }

    /** How many keys verify. */
    public int size() {
        return keys.size();
    }

    static String keyIdOf(HmacKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.bytes());
            return "k-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "JwtKeyRing[signing=" + signingKeyId + ", keys=" + keys.keySet() + "]";
    }
}
