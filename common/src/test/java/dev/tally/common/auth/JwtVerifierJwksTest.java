package dev.tally.common.auth;

import static dev.tally.common.auth.TestTokens.CLOCK;
import static dev.tally.common.auth.TestTokens.SECRET;
import static dev.tally.common.auth.TestTokens.SETTINGS;
import static dev.tally.common.auth.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.tally.common.config.JwtSettings;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RS256/ES256 tokens of an external identity provider, verified against a JWKS served on loopback. */
class JwtVerifierJwksTest {

    private static final AtomicInteger JWKS_REQUESTS = new AtomicInteger();
    private static HttpServer server;
    private static RSAKey rsaKey;
    private static ECKey ecKey;
    private static JwtSettings settings;

    @BeforeAll
    static void serveJwks() throws Exception {
        rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        byte[] jwks = new JWKSet(List.of(rsaKey.toPublicJWK(), ecKey.toPublicJWK()))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            JWKS_REQUESTS.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
        settings = new JwtSettings(SETTINGS.secretArn(), SETTINGS.issuer(), SETTINGS.audience(), url);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void verify_whenRs256SignedByJwksKey_accepts() throws JOSEException {
        String token = TestTokens.sign(
                header(JWSAlgorithm.RS256, "rsa-1"), validClaims().build(), new RSASSASigner(rsaKey));

        assertThat(verifier().verify(token))
                .isInstanceOfSatisfying(
                        TokenVerification.Verified.class,
                        verified -> assertThat(verified.user().userId()).isEqualTo("user-123"));
    }

    @Test
    void verify_whenEs256SignedByJwksKey_accepts() throws JOSEException {
        String token = TestTokens.sign(
                header(JWSAlgorithm.ES256, "ec-1"), validClaims().build(), new ECDSASigner(ecKey));

        assertThat(verifier().verify(token)).isInstanceOf(TokenVerification.Verified.class);
    }

    @Test
    void verify_whenJwksConfigured_ownHs256TokensStillAccepted() {
        assertThat(verifier().verify(TestTokens.hs256(validClaims().build(), SECRET)))
                .isInstanceOf(TokenVerification.Verified.class);
    }

    @Test
    void verify_whenRs256SignedByAnotherKeyWithTheSameKid_refuses() throws JOSEException {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        String token = TestTokens.sign(
                header(JWSAlgorithm.RS256, "rsa-1"), validClaims().build(), new RSASSASigner(impostor));

        assertThat(verifier().verify(token)).isEqualTo(new TokenVerification.Rejected(TokenRejection.BAD_SIGNATURE));
    }

    @Test
    void verify_whenJwksSubjectIsNotATallyUserId_refusesAtVerification() throws JOSEException {
        for (String subject : List.of("auth0|5f7c8ec7c33c6c004bbafe82", "ada@example.com", "x".repeat(129), "user 1")) {
            String token = TestTokens.sign(
                    header(JWSAlgorithm.RS256, "rsa-1"),
                    validClaims().subject(subject).build(),
                    new RSASSASigner(rsaKey));

            assertThat(verifier().verify(token))
                    .as(subject)
                    .isEqualTo(new TokenVerification.Rejected(TokenRejection.INVALID_SUBJECT));
        }
    }

    @Test
    void settings_whenTheJwksUrlIsPlainHttpToANetworkHost_areRefused() {
        assertThatThrownBy(() -> new JwtSettings(
                        SETTINGS.secretArn(),
                        SETTINGS.issuer(),
                        SETTINGS.audience(),
                        URI.create("http://idp.example/.well-known/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JwtSettings.isHttpsOrLoopback(URI.create("https://idp.example/jwks.json")))
                .isTrue();
        assertThat(JwtSettings.isHttpsOrLoopback(URI.create("http://127.0.0.1:8080/jwks.json")))
                .isTrue();
        assertThat(JwtSettings.isHttpsOrLoopback(URI.create("http://[::1]:8080/jwks.json")))
                .isTrue();
        assertThat(JwtSettings.isHttpsOrLoopback(URI.create("http://127.0.0.1.evil.example/jwks.json")))
                .isFalse();
        assertThat(JwtSettings.isHttpsOrLoopback(URI.create("http://10.0.0.1/jwks.json")))
                .isFalse();
    }

    @Test
    void verify_whenKidUnknown_refuses() throws JOSEException {
        String token = TestTokens.sign(
                header(JWSAlgorithm.RS256, "unknown"), validClaims().build(), new RSASSASigner(rsaKey));

        assertThat(verifier().verify(token)).isEqualTo(new TokenVerification.Rejected(TokenRejection.NO_MATCHING_KEY));
    }

    @Test
    void verify_whenRs384_refusesEvenWithJwks() throws JOSEException {
        String token = TestTokens.sign(
                header(JWSAlgorithm.RS384, "rsa-1"), validClaims().build(), new RSASSASigner(rsaKey));

        assertThat(verifier().verify(token))
                .isEqualTo(new TokenVerification.Rejected(TokenRejection.ALGORITHM_NOT_ALLOWED));
    }

    @Test
    void verify_whenJwksTokenHasWrongIssuer_refuses() throws JOSEException {
        String token = TestTokens.sign(
                header(JWSAlgorithm.RS256, "rsa-1"),
                validClaims().issuer("https://idp.example").build(),
                new RSASSASigner(rsaKey));

        assertThat(verifier().verify(token)).isEqualTo(new TokenVerification.Rejected(TokenRejection.WRONG_ISSUER));
    }

    @Test
    void verify_manyTokens_fetchesTheJwksOnce() throws JOSEException {
        JwtVerifier verifier = verifier();
        int before = JWKS_REQUESTS.get();
        for (int i = 0; i < 5; i++) {
            String token = TestTokens.sign(
                    header(JWSAlgorithm.RS256, "rsa-1"),
                    validClaims().subject("user-" + i).build(),
                    new RSASSASigner(rsaKey));
            assertThat(verifier.verify(token)).isInstanceOf(TokenVerification.Verified.class);
        }

        assertThat(JWKS_REQUESTS.get() - before).isEqualTo(1);
    }

    @Test
    void verify_whenJwksUnreachable_refusesAsKeyUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        JwtSettings unreachable = new JwtSettings(
                SETTINGS.secretArn(),
                SETTINGS.issuer(),
                SETTINGS.audience(),
                URI.create("http://127.0.0.1:" + closedPort + "/jwks.json"));
        JwtVerifier verifier = new JwtVerifier(unreachable, TestTokens.key(), CLOCK);
        String token = TestTokens.sign(
                header(JWSAlgorithm.RS256, "rsa-1"), validClaims().build(), new RSASSASigner(rsaKey));

        assertThat(verifier.verify(token)).isEqualTo(new TokenVerification.Rejected(TokenRejection.KEY_UNAVAILABLE));
    }

    private static JwtVerifier verifier() {
        return new JwtVerifier(settings, TestTokens.key(), CLOCK);
    }

    private static JWSHeader header(JWSAlgorithm algorithm, String keyId) {
        return new JWSHeader.Builder(algorithm).keyID(keyId).build();
    }
}
