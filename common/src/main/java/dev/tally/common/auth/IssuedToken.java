package dev.tally.common.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token just issued at login. {@link #toString()} leaves the token out, so the record is
 * safe to log by mistake.
 *
 * @param accessToken the compact JWS, sent to the client once
 * @param expiresIn the lifetime (the login answer's {@code expiresIn}, in seconds)
 * @param expiresAt the {@code exp} written into the token
 */
public record IssuedToken(String accessToken, Duration expiresIn, Instant expiresAt) {

    /** Validates that every part is present. */
    public IssuedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The lifetime in whole seconds. */
    public long expiresInSeconds() {
        return expiresIn.toSeconds();
    }

    @Override
    public String toString() {
        return "IssuedToken[accessToken=redacted, expiresAt=" + expiresAt + "]";
    }
}
