package dev.tally.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tally.common.config.JwtSettings;
import dev.tally.events.FieldProblem;
import dev.tally.events.TextRules;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Verifies bearer tokens: HS256 with Tally's own key, and optionally RS256/ES256 from an external
 * identity provider's JWKS ({@code JWT_JWKS_URL}).
 *
 * <p>The algorithm is pinned: HS256 tokens go to the HMAC key only, RS256/ES256 tokens to the
 * JWKS only (and only when a JWKS URL is configured); {@code none}, HS384/HS512, encrypted tokens
 * and everything else are refused before any key is touched. {@code iss}, {@code aud},
 * {@code exp} (required), {@code nbf} and {@code iat} are checked with a {@link #CLOCK_SKEW} of
 * 60 seconds; {@code sub} is required and must be a Tally user id (letters, digits, {@code . _ : -},
 * at most 128: an external provider's subject outside that is refused here, not after a command was
 * recorded). A JWKS URL must be https ({@link JwtSettings}). A refusal is logged as a {@link TokenRejection} category,
 * never with the token. Build one per container.
 */
public final class JwtVerifier {

    /** Tolerance for clocks that disagree between the issuer and this container. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** Longer tokens are refused unparsed (a Tally token is ~300 characters). */
    static final int MAX_TOKEN_LENGTH = 8192;

    private static final Set<JWSAlgorithm> JWKS_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final Logger LOG = LogManager.getLogger(JwtVerifier.class);

    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> hmacProcessor;
    private final DefaultJWTProcessor<SecurityContext> jwksProcessor;

    /** A verifier on the system clock; reads the keys now (failing fast), then at each verification from the source. */
    public JwtVerifier(JwtSettings settings, JwtKeySource keys) {
        this(settings, keys, Clock.systemUTC());
    }

    /** A verifier on the given clock; reads the keys now (failing fast), then at each verification from the source. */
    public JwtVerifier(JwtSettings settings, JwtKeySource keys, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.issuer = settings.issuer();
        this.audience = settings.audience();
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(keys, "keys").keyRing();
        // The key named by the token's kid (or every key for a token without one), from the keys in force now.
        this.hmacProcessor = processor((header, context) -> JWSAlgorithm.HS256.equals(header.getAlgorithm())
                ? keys.keyRing().verificationKeys(header.getKeyID()).stream()
                        .map(key -> new SecretKeySpec(key.bytes(), "HmacSHA256"))
                        .toList()
                : java.util.List.of());
        this.jwksProcessor = settings.externalJwksUrl()
                .map(JwtVerifier::jwkSource)
                .map(source -> processor(new JWSVerificationKeySelector<>(JWKS_ALGORITHMS, source)))
                .orElse(null);
    }

    /** Verifies a token (without its {@code Bearer } prefix). */
    public TokenVerification verify(String token) {
        TokenVerification result = check(token);
        if (result instanceof TokenVerification.Rejected rejected) {
            LOG.info("token rejected reason={}", rejected.reason());
        }
        return result;
    }

    private TokenVerification check(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return rejected(TokenRejection.MALFORMED);
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException malformed) {
            return rejected(TokenRejection.MALFORMED);
        }
        if (!(parsed instanceof SignedJWT signed)) {
            return rejected(TokenRejection.ALGORITHM_NOT_ALLOWED);
        }
        DefaultJWTProcessor<SecurityContext> processor =
                processorFor(signed.getHeader().getAlgorithm());
        if (processor == null) {
            return rejected(TokenRejection.ALGORITHM_NOT_ALLOWED);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJWSException badSignature) {
            return rejected(TokenRejection.BAD_SIGNATURE);
        } catch (BadJWTException badClaims) {
            return rejected(TokenRejection.MALFORMED);
        } catch (BadJOSEException noKey) {
            return rejected(TokenRejection.NO_MATCHING_KEY);
        } catch (KeySourceException unavailable) {
            return rejected(TokenRejection.KEY_UNAVAILABLE);
        } catch (JOSEException failed) {
            return rejected(TokenRejection.BAD_SIGNATURE);
        }
        return checkClaims(claims);
    }

    private DefaultJWTProcessor<SecurityContext> processorFor(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            return hmacProcessor;
        }
        if (jwksProcessor != null && JWKS_ALGORITHMS.contains(algorithm)) {
            return jwksProcessor;
        }
        return null;
    }

    private TokenVerification checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            return rejected(TokenRejection.MISSING_SUBJECT);
        }
        if (!isUserId(subject)) {
            return rejected(TokenRejection.INVALID_SUBJECT);
        }
        if (!issuer.equals(claims.getIssuer())) {
            return rejected(TokenRejection.WRONG_ISSUER);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return rejected(TokenRejection.WRONG_AUDIENCE);
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return rejected(TokenRejection.MISSING_EXPIRY);
        }
        if (now.minus(CLOCK_SKEW).isAfter(expiry.toInstant())) {
            return rejected(TokenRejection.EXPIRED);
        }
        if (inFuture(claims.getNotBeforeTime(), now) || inFuture(claims.getIssueTime(), now)) {
            return rejected(TokenRejection.NOT_YET_VALID);
        }
        return new TokenVerification.Verified(new AuthenticatedUser(subject, expiry.toInstant()));
    }

    /** True if {@code subject} can be a Tally user id (the rules of {@code TextRules.requiredId}). */
    private static boolean isUserId(String subject) {
        List<FieldProblem> problems = TextRules.problems();
        TextRules.requiredId(problems, "sub", subject);
        return problems.isEmpty();
    }

    private static boolean inFuture(Date time, Instant now) {
        return time != null && time.toInstant().isAfter(now.plus(CLOCK_SKEW));
    }

    private static TokenVerification rejected(TokenRejection reason) {
        return new TokenVerification.Rejected(reason);
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JWSKeySelector<SecurityContext> keySelector) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keySelector);
        processor.setJWTClaimsSetVerifier(null); // claims are checked by checkClaims, on our clock
        return processor;
    }

    private static final int JWKS_TIMEOUT_MILLIS = 2_000;
    private static final int JWKS_SIZE_LIMIT_BYTES = 50 * 1024;

    private static JWKSource<SecurityContext> jwkSource(URI jwksUrl) {
        try {
            // nimbus defaults: cached 5 min with refresh-ahead, refetch on unknown kid rate-limited to one per
            // 30 s, 50 KiB size limit: one fetch per container in the common case. The HTTP timeouts are 2 s
            // instead of nimbus' 500 ms: a cold container's first fetch includes a TLS handshake on a
            // CPU still busy with init, and a refused key would be a 401 for a valid token.
            return JWKSourceBuilder.<SecurityContext>create(
                            jwksUrl.toURL(),
                            new DefaultResourceRetriever(
                                    JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT_BYTES))
                    .build();
        } catch (MalformedURLException invalid) {
            throw new IllegalArgumentException("JWT_JWKS_URL is not a valid URL", invalid);
        }
    }
}
