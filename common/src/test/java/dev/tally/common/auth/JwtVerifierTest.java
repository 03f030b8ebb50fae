package dev.tally.common.auth;

import static dev.tally.common.auth.TestTokens.CLOCK;
import static dev.tally.common.auth.TestTokens.NOW;
import static dev.tally.common.auth.TestTokens.OTHER_SECRET;
import static dev.tally.common.auth.TestTokens.SECRET;
import static dev.tally.common.auth.TestTokens.SETTINGS;
import static dev.tally.common.auth.TestTokens.hs256;
import static dev.tally.common.auth.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtVerifierTest {

    private static RSAKey rsaKey;
    private final JwtVerifier verifier = new JwtVerifier(SETTINGS, TestTokens.key(), CLOCK);

    @BeforeAll
    static void generateRsaKey() throws JOSEException {
        rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    }

    @Test
    void verify_whenTokenValid_returnsSubjectAsUser() {
        TokenVerification result = verifier.verify(hs256(validClaims().build(), SECRET));

        assertThat(result).isInstanceOfSatisfying(TokenVerification.Verified.class, verified -> {
            assertThat(verified.user().userId()).isEqualTo("user-123");
            assertThat(verified.user().expiresAt()).isEqualTo(NOW.plusSeconds(600));
        });
    }

    @Test
    void verify_whenAudienceListContainsOurs_accepts() {
        JWTClaimsSet claims = validClaims()
                .audience(List.of("someone-else", SETTINGS.audience()))
                .build();

        assertThat(verifier.verify(hs256(claims, SECRET))).isInstanceOf(TokenVerification.Verified.class);
    }

    @Test
    void verify_whenAlgNone_refuses() {
        String unsecured = new PlainJWT(validClaims().build()).serialize();

        assertRejected(unsecured, TokenRejection.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verify_whenSignedTokenHeaderSwappedForAlgNone_refuses() {
        String valid = hs256(validClaims().build(), SECRET);
        String[] parts = valid.split("\\.");
        for (String header :
                List.of("{\"alg\":\"none\"}", "{\"alg\":\"None\",\"typ\":\"JWT\"}", "{\"alg\":\"NONE\"}")) {
            String keptSignature = base64Url(header) + "." + parts[1] + "." + parts[2];
            String strippedSignature = base64Url(header) + "." + parts[1] + ".";
            for (String forged : List.of(keptSignature, strippedSignature)) {
                assertThat(verifier.verify(forged))
                        .isInstanceOfSatisfying(
                                TokenVerification.Rejected.class,
                                rejected -> assertThat(rejected.reason())
                                        .isIn(TokenRejection.ALGORITHM_NOT_ALLOWED, TokenRejection.MALFORMED));
            }
        }
        assertRejected(base64Url("{\"alg\":\"none\"}") + "." + parts[1] + ".", TokenRejection.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verify_whenSignedWithAnotherSecret_refuses() {
        assertRejected(hs256(validClaims().build(), OTHER_SECRET), TokenRejection.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS384", "HS512"})
    void verify_whenOtherHmacAlgorithmWithTheRightSecret_refuses(String algorithm) {
        String secret64 = SECRET + SECRET; // HS512 needs 64 bytes of key
        JwtVerifier longKeyVerifier =
                new JwtVerifier(SETTINGS, JwtKeySource.of(HmacKey.fromSecretString(secret64)), CLOCK);
        String token =
                TestTokens.sign(JWSAlgorithm.parse(algorithm), validClaims().build(), TestTokens.macSigner(secret64));

        assertThat(longKeyVerifier.verify(token))
                .isEqualTo(new TokenVerification.Rejected(TokenRejection.ALGORITHM_NOT_ALLOWED));
    }

    @Test
    void verify_whenRs256WhereHs256IsPinned_refuses() {
        String token = TestTokens.sign(JWSAlgorithm.RS256, validClaims().build(), rsaSigner());

        assertRejected(token, TokenRejection.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verify_whenEncryptedToken_refuses() throws JOSEException {
        EncryptedJWT encrypted = new EncryptedJWT(
                new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                validClaims().build());
        encrypted.encrypt(new DirectEncrypter(SECRET.substring(0, 32).getBytes(StandardCharsets.UTF_8)));

        assertRejected(encrypted.serialize(), TokenRejection.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verify_whenExpiredBeyondSkew_refuses() {
        JWTClaimsSet claims =
                validClaims().expirationTime(Date.from(NOW.minusSeconds(61))).build();

        assertRejected(hs256(claims, SECRET), TokenRejection.EXPIRED);
    }

    @Test
    void verify_whenExpiredWithinSkew_accepts() {
        JWTClaimsSet claims =
                validClaims().expirationTime(Date.from(NOW.minusSeconds(59))).build();

        assertThat(verifier.verify(hs256(claims, SECRET))).isInstanceOf(TokenVerification.Verified.class);
    }

    @Test
    void verify_whenNotBeforeInTheFutureBeyondSkew_refuses() {
        JWTClaimsSet claims =
                validClaims().notBeforeTime(Date.from(NOW.plusSeconds(61))).build();

        assertRejected(hs256(claims, SECRET), TokenRejection.NOT_YET_VALID);
    }

    @Test
    void verify_whenNotBeforeWithinSkew_accepts() {
        JWTClaimsSet claims =
                validClaims().notBeforeTime(Date.from(NOW.plusSeconds(59))).build();

        assertThat(verifier.verify(hs256(claims, SECRET))).isInstanceOf(TokenVerification.Verified.class);
    }

    @Test
    void verify_whenIssuedInTheFuture_refuses() {
        JWTClaimsSet claims =
                validClaims().issueTime(Date.from(NOW.plusSeconds(3600))).build();

        assertRejected(hs256(claims, SECRET), TokenRejection.NOT_YET_VALID);
    }

    @Test
    void verify_whenWrongIssuer_refuses() {
        assertRejected(
                hs256(validClaims().issuer("https://evil.example").build(), SECRET), TokenRejection.WRONG_ISSUER);
        assertRejected(hs256(validClaims().issuer(null).build(), SECRET), TokenRejection.WRONG_ISSUER);
    }

    @Test
    void verify_whenWrongAudience_refuses() {
        assertRejected(hs256(validClaims().audience("other-api").build(), SECRET), TokenRejection.WRONG_AUDIENCE);
        assertRejected(hs256(validClaims().audience((String) null).build(), SECRET), TokenRejection.WRONG_AUDIENCE);
    }

    @Test
    void verify_whenSubjectMissingOrBlank_refuses() {
        assertRejected(hs256(validClaims().subject(null).build(), SECRET), TokenRejection.MISSING_SUBJECT);
        assertRejected(hs256(validClaims().subject(" ").build(), SECRET), TokenRejection.MISSING_SUBJECT);
    }

    @Test
    void verify_whenExpiryMissing_refuses() {
        assertRejected(hs256(validClaims().expirationTime(null).build(), SECRET), TokenRejection.MISSING_EXPIRY);
    }

    @Test
    void verify_whenPayloadTampered_refuses() {
        String valid = hs256(validClaims().build(), SECRET);
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = payload.replace("user-123", "user-999");
        assertThat(tampered).isNotEqualTo(payload);

        assertRejected(parts[0] + "." + base64Url(tampered) + "." + parts[2], TokenRejection.BAD_SIGNATURE);
    }

    @Test
    void verify_whenSignatureTruncatedOrEmpty_refuses() {
        String valid = hs256(validClaims().build(), SECRET);
        String[] parts = valid.split("\\.");

        assertRejected(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10), TokenRejection.BAD_SIGNATURE);
        assertThat(verifier.verify(parts[0] + "." + parts[1] + ".")).isInstanceOf(TokenVerification.Rejected.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "   ",
                "abc",
                "a.b",
                "a.b.c.d",
                "!!!.@@@.###",
                "eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln", // payload not JSON
                "bm90LWpzb24.eyJzdWIiOiJ4In0.c2ln", // header not JSON
                "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2ln", // header without alg
                "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiJzb29uIn0.c2ln" // exp is a string
            })
    void verify_whenMalformed_refuses(String token) {
        assertThat(verifier.verify(token))
                .isInstanceOfSatisfying(
                        TokenVerification.Rejected.class,
                        rejected -> assertThat(rejected.reason())
                                .isIn(TokenRejection.MALFORMED, TokenRejection.ALGORITHM_NOT_ALLOWED));
    }

    @Test
    void verify_whenNotAJwtAtAll_reportsMalformed() {
        assertRejected("a.b", TokenRejection.MALFORMED);
        assertRejected("eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln", TokenRejection.MALFORMED);
    }

    @Test
    void verify_whenTokenTooLong_refusesWithoutParsing() {
        String huge = hs256(
                validClaims()
                        .claim("padding", "x".repeat(JwtVerifier.MAX_TOKEN_LENGTH))
                        .build(),
                SECRET);

        assertRejected(huge, TokenRejection.MALFORMED);
    }

    private void assertRejected(String token, TokenRejection reason) {
        assertThat(verifier.verify(token)).isEqualTo(new TokenVerification.Rejected(reason));
    }

    private static RSASSASigner rsaSigner() {
        try {
            return new RSASSASigner(rsaKey);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
