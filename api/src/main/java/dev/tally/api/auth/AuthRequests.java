package dev.tally.api.auth;

import dev.tally.api.internal.RequestBodies;
import dev.tally.common.http.ApiException;
import dev.tally.events.FieldProblem;
import dev.tally.events.JsonBodies;
import dev.tally.events.TextRules;
import java.util.List;
import java.util.Locale;

/**
 * Reads and validates the bodies of {@code POST /auth/register} and {@code POST /auth/login} with
 * the shared request machinery of {@code events} ({@link JsonBodies}: strict JSON, unknown
 * properties refused; {@link TextRules}: e-mail and name rules), reporting every content problem
 * at once: 400 {@code VALIDATION_FAILED}, or {@code MALFORMED_JSON} when the body is not JSON.
 *
 * <p>Rules: {@code email} an address like {@code name@example.com} of at most 254 characters
 * (trimmed and lower-cased: one account per address whatever its case); {@code password}
 * {@value #PASSWORD_MIN} to {@value #PASSWORD_MAX} characters, taken as typed (no trimming, any
 * characters, so pass phrases and password managers work); {@code displayName} 1 to
 * {@value #DISPLAY_NAME_MAX} characters after trimming, on one line. Login only requires both
 * fields to be strings: a malformed e-mail there is answered like an unknown one (401).
 * See {@code docs/adr/0066-passwords-and-login-timing.md}.
 */
public final class AuthRequests {

    /** Fewest password characters: NIST SP 800-63B-4 for a password that is the only factor. */
    public static final int PASSWORD_MIN = 15;
    /** Most password characters: long pass phrases fit, and PBKDF2's cost does not grow with the length. */
    public static final int PASSWORD_MAX = 256;
    /** Most characters of a display name. */
    public static final int DISPLAY_NAME_MAX = 100;

    /** The body of {@code POST /auth/register}, as read. */
    record RegisterBody(String email, String password, String displayName) {
        @Override
        public String toString() {
            return "RegisterBody[redacted]";
        }
    }

    /** The body of {@code POST /auth/login}, as read. */
    record LoginBody(String email, String password) {
        @Override
        public String toString() {
            return "LoginBody[redacted]";
        }
    }

    /**
     * The registration in a body.
     *
     * @throws ApiException 400 naming every field problem
     */
    public RegisterRequest register(String body) {
        RegisterBody read = RequestBodies.parseOrThrow(body, RegisterBody.class);
        List<FieldProblem> problems = TextRules.problems();
        String email = read.email() == null ? null : read.email().strip();
        if (email == null) {
            problems.add(new FieldProblem("email", "is required"));
        } else {
            TextRules.optionalEmail(problems, "email", email);
        }
        if (read.password() == null) {
            problems.add(new FieldProblem("password", "is required"));
        } else {
            int length = read.password().codePointCount(0, read.password().length());
            if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
                problems.add(new FieldProblem(
                        "password", "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters long"));
            } else if (TextRules.hasUnpairedSurrogate(read.password())) {
                problems.add(new FieldProblem(
                        "password", "must be valid Unicode text (it contains a lone UTF-16 surrogate)"));
            }
        }
        String displayName =
                read.displayName() == null ? null : read.displayName().strip();
        TextRules.requiredLine(problems, "displayName", displayName, DISPLAY_NAME_MAX);
        if (!problems.isEmpty()) {
            throw ApiException.validationFailed(problems);
        }
        return new RegisterRequest(normalizedEmail(email), read.password(), displayName);
    }

    /**
     * The login attempt in a body.
     *
     * @throws ApiException 400 when the body is not JSON or a field is missing or not a string
     */
    public LoginRequest login(String body) {
        LoginBody read = RequestBodies.parseOrThrow(body, LoginBody.class);
        List<FieldProblem> problems = TextRules.problems();
        TextRules.required(problems, "email", read.email());
        TextRules.required(problems, "password", read.password());
        if (read.email() != null && TextRules.hasUnpairedSurrogate(read.email())) {
            problems.add(new FieldProblem("email", "must be valid Unicode text (it contains a lone UTF-16 surrogate)"));
        }
        if (read.password() != null && TextRules.hasUnpairedSurrogate(read.password())) {
            problems.add(
                    new FieldProblem("password", "must be valid Unicode text (it contains a lone UTF-16 surrogate)"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validationFailed(problems);
        }
        return new LoginRequest(normalizedEmail(read.email()), read.password());
    }

    static String normalizedEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
