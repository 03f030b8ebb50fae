package dev.tally.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {

    @Test
    void deriveKey_onRfc5869TestCase3_givesTheFirst32BytesOfItsOutput() {
        byte[] inputKeyMaterial = new byte[22];
        Arrays.fill(inputKeyMaterial, (byte) 0x0b);

        byte[] key = Hkdf.deriveKey(inputKeyMaterial, "");

        assertThat(HexFormat.of().formatHex(key))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
    }

    @Test
    void deriveKey_withAnotherLabel_givesAnotherKey() {
        byte[] secret = "test-signing-key-0123456789-abcdefghijklmnop".getBytes();

        assertThat(Hkdf.deriveKey(secret, "tally/api/debts-cursor/v1"))
                .hasSize(32)
                .isNotEqualTo(Hkdf.deriveKey(secret, "tally/api/debts-cursor/v2"))
                .isNotEqualTo(Arrays.copyOf(secret, 32));
    }
}
