package dev.tally.common.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the api functions issue and verify access tokens.
 *
 * @param secretArn the Secrets Manager secret (ARN or name) holding the HS256 key ({@code JWT_SECRET_ARN})
 * @param issuer the {@code iss} issued and expected ({@code JWT_ISSUER})
 * @param audience the {@code aud} issued and expected ({@code JWT_AUDIENCE})
 * @param jwksUrl the JWKS of an external identity provider, or null ({@code JWT_JWKS_URL}, optional)
 */
public record JwtSettings(String secretArn, String issuer, String audience, URI jwksUrl) {

    private static final List<String> REQUIRED = List.of("JWT_SECRET_ARN", "JWT_ISSUER", "JWT_AUDIENCE");
    private static final List<String> OPTIONAL = List.of("JWT_JWKS_URL");

    /** Validates that the required parts are present. */
    public JwtSettings {
        Objects.requireNonNull(secretArn, "secretArn");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        if (jwksUrl != null && !isHttpsOrLoopback(jwksUrl)) {
            throw new IllegalArgumentException("the JWKS URL must be https (plain http only for a loopback host)");
        }
    }

    /**
     * True for an https URL, or an http URL whose host is a loopback address ({@code localhost},
     * {@code 127.x.x.x}, {@code ::1}): a JWKS fetched over plain http across a network could be
     * replaced by anyone on the path, and with it every token's signature key.
     */
    public static boolean isHttpsOrLoopback(URI url) {
        String scheme = url.getScheme();
        String host = url.getHost();
        if ("https".equalsIgnoreCase(scheme)) {
            return host != null;
        }
        if (!"http".equalsIgnoreCase(scheme) || host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost")
                || bare.equals("::1")
                || bare.equals("0:0:0:0:0:0:0:1")
                || bare.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    }

    /** Reads the settings from the process environment; fails naming every missing variable. */
    public static JwtSettings fromEnvironment() {
        return from(System::getenv);
    }

    /** Reads the settings through a variable lookup (tests pass a map's {@code get}). */
    public static JwtSettings from(Function<String, String> environment) {
        EnvironmentReader reader = new EnvironmentReader(environment);
        JwtSettings settings = read(reader);
        reader.throwIfProblems("JwtSettings");
        return settings;
    }

    /** Reads the settings from a map of variables. */
    public static JwtSettings from(Map<String, String> environment) {
        return from(environment::get);
    }

    /** The variables that must be set. */
    public static List<String> requiredVariables() {
        return REQUIRED;
    }

    /** Every variable read, required first, then optional. */
    public static List<String> variables() {
        return Variables.concat(REQUIRED, OPTIONAL);
    }

    /** The external identity provider's JWKS URL, when one is configured. */
    public Optional<URI> externalJwksUrl() {
        return Optional.ofNullable(jwksUrl);
    }

    static JwtSettings read(EnvironmentReader reader) {
        String secretArn = reader.required("JWT_SECRET_ARN");
        String issuer = reader.required("JWT_ISSUER");
        String audience = reader.required("JWT_AUDIENCE");
        URI jwksUrl = reader.optionalHttpsUrl("JWT_JWKS_URL");
        if (secretArn == null || issuer == null || audience == null) {
            return null;
        }
        return new JwtSettings(secretArn, issuer, audience, jwksUrl);
    }
}
