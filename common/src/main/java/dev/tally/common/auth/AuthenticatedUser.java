package dev.tally.common.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * The caller proven by a verified token.
 *
 * @param userId the token's subject ({@code sub}): the only source of a command's user id
 * @param expiresAt when the token stops being accepted ({@code exp})
 */
public record AuthenticatedUser(String userId, Instant expiresAt) {

    /** Validates that both parts are present. */
    public AuthenticatedUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
