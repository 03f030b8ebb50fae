package dev.tally.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.common.auth.HmacKey;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ErrorCode;
import dev.tally.events.DebtStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DebtCursorsTest {

    private static final String ALICE = "user-alice";
    private static final String BOB = "user-bob";
    private static final String DEBT = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90";

    private final DebtCursors cursors =
            DebtCursors.fromJwtKey(HmacKey.fromSecretString("test-signing-key-0123456789-abcdefghijklmnop"));

    @Test
    void decode_whenIssuedForTheSameUserAndFilter_givesTheLastDebtId() {
        String cursor = cursors.encode(ALICE, DebtStatus.OPEN, DEBT);

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(cursors.decode(ALICE, DebtStatus.OPEN, cursor)).isEqualTo(DEBT);
        assertThat(cursors.decode(ALICE, null, cursors.encode(ALICE, null, DEBT)))
                .isEqualTo(DEBT);
    }

    @Test
    void encode_whenCalled_doesNotCarryTheUserIdOrTheFilter() {
        String decoded = new String(
                Base64.getUrlDecoder().decode(cursors.encode(ALICE, DebtStatus.SETTLED, DEBT)),
                StandardCharsets.ISO_8859_1);

        assertThat(decoded).doesNotContain(ALICE).doesNotContain("SETTLED").contains(DEBT);
    }

    @Test
    void decode_whenAnotherUserPresentsIt_isRefused() {
        String alicesCursor = cursors.encode(ALICE, DebtStatus.OPEN, DEBT);

        assertInvalid(() -> cursors.decode(BOB, DebtStatus.OPEN, alicesCursor));
    }

    @Test
    void decode_withAnotherFilter_isRefused() {
        String openCursor = cursors.encode(ALICE, DebtStatus.OPEN, DEBT);

        assertInvalid(() -> cursors.decode(ALICE, DebtStatus.SETTLED, openCursor));
        assertInvalid(() -> cursors.decode(ALICE, null, openCursor));
    }

    @Test
    void decode_whenAnyByteIsChanged_isRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(cursors.encode(ALICE, DebtStatus.OPEN, DEBT));
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertInvalid(() -> cursors.decode(ALICE, DebtStatus.OPEN, cursor));
        }
    }

    @Test
    void decode_whenAnyCharacterIsChanged_isRefused() {
        String cursor = cursors.encode(ALICE, DebtStatus.OPEN, DEBT);
        for (int i = 0; i < cursor.length(); i++) {
            String changed = cursor.substring(0, i) + (cursor.charAt(i) == 'A' ? 'B' : 'A') + cursor.substring(i + 1);
            assertInvalid(() -> cursors.decode(ALICE, DebtStatus.OPEN, changed));
        }
        assertInvalid(() -> cursors.decode(ALICE, DebtStatus.OPEN, cursor + "="));
    }

    @Test
    void decode_whenTheDebtIdIsSwappedForAnother_isRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(cursors.encode(ALICE, null, DEBT));
        byte[] otherId = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c91".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(otherId, 0, bytes, 2, otherId.length);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertInvalid(() -> cursors.decode(ALICE, null, forged));
    }

    @Test
    void decode_whenSignedWithAnotherKey_isRefused() {
        DebtCursors otherKey =
                DebtCursors.fromJwtKey(HmacKey.fromSecretString("another-issuers-key-0123456789-abcdefghijklm"));

        assertInvalid(() -> cursors.decode(ALICE, null, otherKey.encode(ALICE, null, DEBT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-cursor", "!!!!", "AQ", "AQckMDE5YWM0YjItN2UzMS03YzVhLTlkNDItM2Y2ZThiMWEyYzkw"})
    void decode_whenNotACursor_isRefused(String cursor) {
        assertInvalid(() -> cursors.decode(ALICE, null, cursor));
    }

    @Test
    void decode_whenLongerThanAnyCursor_isRefusedUndecoded() {
        assertInvalid(() -> cursors.decode(ALICE, null, "A".repeat(DebtCursors.MAX_LENGTH + 1)));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable decode) {
        assertThatThrownBy(decode).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CURSOR);
            assertThat(refused.getMessage()).isEqualTo(ErrorCode.INVALID_CURSOR.defaultMessage());
        });
    }
}
