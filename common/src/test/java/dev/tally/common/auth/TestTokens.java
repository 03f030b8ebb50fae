package dev.tally.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tally.common.config.JwtSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

/** Keys, settings and token builders shared by the JWT tests. */
final class TestTokens {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final String OTHER_SECRET = "another-secret-0123456789-abcdefghijklmnopqrstu";
    static final JwtSettings SETTINGS =
            new JwtSettings("arn:aws:secretsmanager:eu-west-1:1:secret:jwt", "https://tally.dev", "tally-api", null);

    private TestTokens() {}

    static JwtKeySource key() {
        return JwtKeySource.of(HmacKey.fromSecretString(SECRET));
    }

    /** Claims a valid Tally token has at {@link #NOW}. */
    static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder()
                .subject("user-123")
                .issuer(SETTINGS.issuer())
                .audience(SETTINGS.audience())
                .issueTime(Date.from(NOW.minusSeconds(10)))
                .notBeforeTime(Date.from(NOW.minusSeconds(10)))
                .expirationTime(Date.from(NOW.plusSeconds(600)))
                .jwtID("jti-1");
    }

    static String hs256(JWTClaimsSet claims, String secret) {
        return sign(JWSAlgorithm.HS256, claims, macSigner(secret));
    }

    static String sign(JWSAlgorithm algorithm, JWTClaimsSet claims, JWSSigner signer) {
        return sign(new JWSHeader.Builder(algorithm).build(), claims, signer);
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static MACSigner macSigner(String secret) {
        try {
            return new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
