package dev.tally.api.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts login attempts per account and per source address in fixed windows, and refuses an attempt
 * over either limit (see {@code docs/adr/0145-login-attempt-limits.md}). Every attempt counts, before
 * the password is checked, so a refused guess costs neither a PBKDF2 run nor an answer about the
 * password.
 */
public interface LoginAttemptLimiter {

    /** Attempts allowed per account (normalised e-mail) in one {@link #WINDOW}. */
    int ACCOUNT_LIMIT = 10;
    /** Attempts allowed per source address in one {@link #WINDOW}. */
    int SOURCE_LIMIT = 100;
    /** The counting window. */
    Duration WINDOW = Duration.ofMinutes(15);

    /**
     * Counts this attempt.
     *
     * @return empty when the attempt may go on, or how long to wait when a limit is reached
     */
    Optional<Duration> attempt(String email, String sourceIp);
}
