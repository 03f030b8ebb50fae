package dev.tally.common.auth;

import static dev.tally.common.auth.TestTokens.CLOCK;
import static dev.tally.common.auth.TestTokens.NOW;
import static dev.tally.common.auth.TestTokens.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtIssuerTest {

    private final JwtIssuer issuer = new JwtIssuer(SETTINGS, TestTokens.key(), Duration.ofSeconds(3600), CLOCK);

    @Test
    void issue_writesEveryClaimSignedWithHs256() throws Exception {
        IssuedToken issued = issuer.issue("user-42");

        SignedJWT jwt = SignedJWT.parse(issued.accessToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.verify(new MACVerifier(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("user-42");
        assertThat(claims.getIssuer()).isEqualTo(SETTINGS.issuer());
        assertThat(claims.getAudience()).isEqualTo(List.of(SETTINGS.audience()));
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(3600)));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(issued.expiresInSeconds()).isEqualTo(3600);
        assertThat(issued.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void issue_givesEachTokenItsOwnId() throws Exception {
        String first = SignedJWT.parse(issuer.issue("user-42").accessToken())
                .getJWTClaimsSet()
                .getJWTID();
        String second = SignedJWT.parse(issuer.issue("user-42").accessToken())
                .getJWTClaimsSet()
                .getJWTID();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void issue_tokenIsAcceptedByTheVerifierUntilItExpires() {
        IssuedToken issued = issuer.issue("user-42");

        JwtVerifier now = new JwtVerifier(SETTINGS, TestTokens.key(), CLOCK);
        JwtVerifier later = new JwtVerifier(
                SETTINGS,
                TestTokens.key(),
                Clock.fixed(NOW.plusSeconds(3600).plus(JwtVerifier.CLOCK_SKEW).plusSeconds(1), ZoneOffset.UTC));
        assertThat(now.verify(issued.accessToken()))
                .isEqualTo(new TokenVerification.Verified(new AuthenticatedUser("user-42", NOW.plusSeconds(3600))));
        assertThat(later.verify(issued.accessToken()))
                .isEqualTo(new TokenVerification.Rejected(TokenRejection.EXPIRED));
    }

    @Test
    void toString_neverShowsTheToken() {
        IssuedToken issued = issuer.issue("user-42");

        assertThat(issued.toString())
                .doesNotContain(issued.accessToken())
                .doesNotContain(issued.accessToken().split("\\.")[2]);
    }

    @Test
    void issue_whenUserIdBlank_refuses() {
        assertThatThrownBy(() -> issuer.issue(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userId");
    }
}
