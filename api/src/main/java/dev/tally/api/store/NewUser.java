package dev.tally.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A user about to be registered.
 *
 * @param userId        the new user's id (a UUID string)
 * @param email         the e-mail, already lower-cased: it is the uniqueness key
 * @param displayName   the name shown to the user
 * @param passwordHash  the encoded PBKDF2 hash ({@code pbkdf2-sha256$<iterations>$<salt>$<hash>})
 * @param createdAt     when the user registered
 */
public record NewUser(String userId, String email, String displayName, String passwordHash, Instant createdAt) {

    public NewUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Never prints the password hash. */
    @Override
    public String toString() {
        return "NewUser[userId=" + userId + "]";
    }
}
