package dev.tally.api.query;

import dev.tally.common.auth.HmacKey;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ErrorCode;
import dev.tally.events.DebtStatus;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque {@code cursor} of {@code GET /debts} (ADR 0075): base64url of a version byte, the last
 * debt id of the page (the listing's position: the rest of the key is the user id) and an
 * HMAC-SHA256 tag over the version, the user id, the status filter and that debt id.
 *
 * <p>Only the canonical encoding is accepted (no padding, zero trailing bits), so every change to a
 * cursor's characters is refused, not just changes that alter its bytes.
 *
 * <p>The user id and the filter are authenticated but not carried: a cursor verifies only for the
 * user and the filter of the listing that issued it, so it cannot be forged, edited, replayed by
 * another user or reused with another filter. Every failure is the same {@code INVALID_CURSOR},
 * whatever check failed. The key is derived from the JWT signing secret with HKDF and a label of
 * its own, so it is never the token key itself.
 */
public final class DebtCursors {

    /** The HKDF label of the cursor key: changing it invalidates every cursor issued. */
    static final String KEY_LABEL = "tally/api/debts-cursor/v1";
    /** Longer cursors are refused before decoding (a real one is under 100 characters). */
    static final int MAX_LENGTH = 512;

    private static final byte VERSION = 1;
    private static final String NO_FILTER = "*";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** Cursors authenticated with a key derived from the JWT signing key. */
    public static DebtCursors fromJwtKey(HmacKey jwtKey) {
        return new DebtCursors(Hkdf.deriveKey(jwtKey.bytes(), KEY_LABEL));
    }

    DebtCursors(byte[] key) {
        if (key.length < Hkdf.KEY_BYTES) {
            throw new IllegalArgumentException("a cursor key needs at least " + Hkdf.KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), Hkdf.ALGORITHM);
    }

    /** The cursor of a page of {@code userId}'s debts (filtered by {@code status}, null for all) ending at {@code lastDebtId}. */
    public String encode(String userId, DebtStatus status, String lastDebtId) {
        byte[] debtId = lastDebtId.getBytes(StandardCharsets.UTF_8);
        if (debtId.length > 255) {
            throw new IllegalArgumentException("a debt id longer than 255 bytes cannot be a cursor position");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        out.write(debtId.length);
        out.writeBytes(debtId);
        out.writeBytes(tag(userId, status, lastDebtId));
        return ENCODER.encodeToString(out.toByteArray());
    }

    /**
     * The last debt id of the page a cursor continues.
     *
     * @throws ApiException {@code INVALID_CURSOR} unless this API issued the cursor for this user and filter
     */
    public String decode(String userId, DebtStatus status, String cursor) {
        Objects.requireNonNull(userId, "userId");
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        if (!ENCODER.encodeToString(bytes).equals(cursor) // canonical only: unused trailing bits must be zero
                || bytes.length < 2 + Hkdf.KEY_BYTES
                || bytes[0] != VERSION
                || bytes.length != 2 + Byte.toUnsignedInt(bytes[1]) + Hkdf.KEY_BYTES) {
            throw invalid();
        }
        int idLength = Byte.toUnsignedInt(bytes[1]);
        String debtId = new String(bytes, 2, idLength, StandardCharsets.UTF_8);
        byte[] tag = Arrays.copyOfRange(bytes, 2 + idLength, bytes.length);
        if (!MessageDigest.isEqual(tag, tag(userId, status, debtId))) {
            throw invalid();
        }
        return debtId;
    }

    private byte[] tag(String userId, DebtStatus status, String debtId) {
        try {
            Mac mac = Mac.getInstance(Hkdf.ALGORITHM);
            mac.init(key);
            mac.update(VERSION);
            field(mac, userId);
            field(mac, status == null ? NO_FILTER : status.name());
            field(mac, debtId);
            return mac.doFinal();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", unavailable);
        }
    }

    /** Length-prefixed, so that no two different (user, filter, id) triples share an input. */
    private static void field(Mac mac, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        mac.update(bytes);
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_CURSOR, ErrorCode.INVALID_CURSOR.defaultMessage());
    }
}
