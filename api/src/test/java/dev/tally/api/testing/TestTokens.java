package dev.tally.api.testing;

import dev.tally.common.auth.HmacKey;
import dev.tally.common.auth.JwtIssuer;
import dev.tally.common.auth.JwtKeySource;
import dev.tally.common.auth.JwtVerifier;
import dev.tally.common.auth.RequestAuthenticator;
import dev.tally.common.config.JwtSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Real HS256 tokens for tests, signed at runtime with a test key (no token is stored in a fixture). */
public final class TestTokens {

    public static final String USER_ID = "6b1f0c2e-7d4a-4c1b-9f3e-2a5d8c7b1e90";
    public static final JwtSettings SETTINGS = new JwtSettings(
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tally-jwt", "https://tally.test", "tally-api", null);
    public static final JwtKeySource KEY =
            JwtKeySource.of(HmacKey.fromSecretString("test-signing-key-0123456789-abcdefghijklmnop"));
    private static final JwtKeySource FOREIGN_KEY =
            JwtKeySource.of(HmacKey.fromSecretString("another-issuers-key-0123456789-abcdefghijklm"));

    private TestTokens() {}

    /** An issuer of valid tokens (one hour). */
    public static JwtIssuer issuer() {
        return new JwtIssuer(SETTINGS, KEY, Duration.ofHours(1));
    }

    /** The authenticator the handler uses, on the test key. */
    public static RequestAuthenticator authenticator() {
        return new RequestAuthenticator(new JwtVerifier(SETTINGS, KEY));
    }

    /** A valid token for {@link #USER_ID}. */
    public static String valid() {
        return issuer().issue(USER_ID).accessToken();
    }

    /** A token that expired an hour ago (well beyond the verifier's clock skew). */
    public static String expired() {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        return new JwtIssuer(SETTINGS, KEY, Duration.ofHours(1), twoHoursAgo)
                .issue(USER_ID)
                .accessToken();
    }

    /** A well-formed token signed with a key the verifier does not know. */
    public static String foreign() {
        return new JwtIssuer(SETTINGS, FOREIGN_KEY, Duration.ofHours(1))
                .issue(USER_ID)
                .accessToken();
    }
}
