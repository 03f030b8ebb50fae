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
 * {@code iat}, {@code nbf}, {@code exp}, a random {@code jti}, and the signing key's id as
 * {@code kid}. Build one per container; it signs with the key in force at each issue (see
 * {@link JwtKeySource}).
 */
public final class JwtIssuer {

    private final String issuer;
    private final String audience;
    private final Duration timeToLive;
    private final Clock clock;
    private final JwtKeySource keys;

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
        this.keys = Objects.requireNonNull(keys, "keys");
        keys.keyRing(); // fail fast without a key
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
        JwtKeyRing ring = keys.keyRing();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(JOSEObjectType.JWT)
                .keyID(ring.signingKeyId())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new MACSigner(ring.signingKey().bytes()));
        } catch (JOSEException failed) {
            throw new IllegalStateException("Signing an access token failed", failed);
        }
        return new IssuedToken(jwt.serialize(), Duration.ofSeconds(timeToLive.toSeconds()), expiresAt);
    }
}
