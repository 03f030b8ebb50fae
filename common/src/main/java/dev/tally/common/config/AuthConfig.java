package dev.tally.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configuration of {@code AuthFunction} (register and login).
 *
 * @param usersTable the users table ({@code USERS_TABLE})
 * @param loginAttemptsTable the login attempt counters ({@code LOGIN_ATTEMPTS_TABLE})
 * @param jwt how tokens are issued ({@code JWT_*})
 * @param tokenTimeToLive lifetime of issued access tokens ({@code JWT_TTL_SECONDS}, default 3600)
 */
public record AuthConfig(String usersTable, String loginAttemptsTable, JwtSettings jwt, Duration tokenTimeToLive) {

    /** Token lifetime when {@code JWT_TTL_SECONDS} is not set. */
    public static final long DEFAULT_TOKEN_TTL_SECONDS = 3600;

    private static final List<String> OWN_REQUIRED = List.of("USERS_TABLE", "LOGIN_ATTEMPTS_TABLE");
    private static final List<String> OWN_OPTIONAL = List.of("JWT_TTL_SECONDS");

    /** Validates that every part is present. */
    public AuthConfig {
        Objects.requireNonNull(usersTable, "usersTable");
        Objects.requireNonNull(loginAttemptsTable, "loginAttemptsTable");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(tokenTimeToLive, "tokenTimeToLive");
    }

    /** Reads the process environment; fails naming every missing or invalid variable. */
    public static AuthConfig fromEnvironment() {
        return from(System::getenv);
    }

    /** Reads a map of variables (tests, tools). */
    public static AuthConfig from(Map<String, String> environment) {
        return from(environment::get);
    }

    /** Reads through a variable lookup; fails naming every missing or invalid variable. */
    public static AuthConfig from(Function<String, String> environment) {
        EnvironmentReader reader = new EnvironmentReader(environment);
        String usersTable = reader.tableName("USERS_TABLE");
        String loginAttemptsTable = reader.tableName("LOGIN_ATTEMPTS_TABLE");
        JwtSettings jwt = JwtSettings.read(reader);
        long ttlSeconds = reader.positiveLong("JWT_TTL_SECONDS", DEFAULT_TOKEN_TTL_SECONDS);
        reader.throwIfProblems("AuthConfig");
        return new AuthConfig(usersTable, loginAttemptsTable, jwt, Duration.ofSeconds(ttlSeconds));
    }

    /** The variables that must be set for this function. */
    public static List<String> requiredVariables() {
        return Variables.concat(OWN_REQUIRED, JwtSettings.requiredVariables());
    }

    /** Every variable this record reads, required and optional. */
    public static List<String> variables() {
        return Variables.concat(OWN_REQUIRED, JwtSettings.variables(), OWN_OPTIONAL);
    }
}
