package dev.tally.api.store;

import java.util.Objects;

/**
 * What login needs to know about a registered e-mail.
 *
 * @param userId        the user the e-mail belongs to (the token subject)
 * @param passwordHash  the encoded PBKDF2 hash to verify the password against
 */
public record UserCredentials(String userId, String passwordHash) {

    public UserCredentials {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    /** Never prints the password hash. */
    @Override
    public String toString() {
        return "UserCredentials[userId=" + userId + "]";
    }
}
