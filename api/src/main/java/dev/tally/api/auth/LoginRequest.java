package dev.tally.api.auth;

import java.util.Objects;

/**
 * A login attempt that has the fields login needs; produced only by {@link AuthRequests#login}.
 *
 * @param email     the e-mail, trimmed and lower-cased
 * @param password  the password as typed (a credential: never logged)
 */
public record LoginRequest(String email, String password) {

    public LoginRequest {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "LoginRequest[email=redacted, password=redacted]";
    }
}
