package dev.tally.api.auth;

import java.util.Objects;

/**
 * A valid registration: produced only by {@link AuthRequests#register}, so every instance has
 * passed the rules there.
 *
 * @param email        the e-mail, trimmed and lower-cased (the uniqueness key)
 * @param password     the password as typed (a credential: never logged, never stored)
 * @param displayName  the name to show, trimmed
 */
public record RegisterRequest(String email, String password, String displayName) {

    public RegisterRequest {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "RegisterRequest[email=redacted, password=redacted, displayName=redacted]";
    }
}
