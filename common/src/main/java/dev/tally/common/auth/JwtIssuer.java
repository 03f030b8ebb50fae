package dev.tally.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tally.common.config.JwtSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues Tally's access tokens at login: HS256 with {@code sub}, {@code iss}, {@code aud},
 * {@code iat}, {@code nbf}, {@code exp} and a random {@code jti}. Build one per container; it reads
 * the key once, at construction.
 */
public final class JwtIssuer {

    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private final String issuer;
    private final String audience;
    private final Duration timeToLive;
    private final Clock clock;
    private final MACSigner signer;

    /** An issuer on the system clock. */
    public JwtIssuer(JwtSettings settings, JwtKeySource keys, Duration timeToLive) {
        this(settings, keys, timeToLive, Clock.systemUTC());
    }

    /** An issuer on the given clock. */
    public JwtIssuer(JwtSettings settings, JwtKeySource keys, Duration timeToLive, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.issuer = settings.issuer();
        this.audience = settings.audience();
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.toSeconds() <= 0) {
            throw new IllegalArgumentException("timeToLive must be at least one second, was " + timeToLive);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.signer = new MACSigner(keys.hmacKey().bytes());
        } catch (JOSEException tooShort) {
            throw new IllegalArgumentException("The JWT signing key is too short for HS256", tooShort);
        }
    }

    /** Issues a token whose subject is the user id. */
    public IssuedToken issue(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plusSeconds(timeToLive.toSeconds());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(HEADER, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException failed) {
            throw new IllegalStateException("Signing an access token failed", failed);
        }
        return new IssuedToken(jwt.serialize(), Duration.ofSeconds(timeToLive.toSeconds()), expiresAt);
    }
}
