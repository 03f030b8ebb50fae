package dev.tally.common.auth;

import dev.tally.common.http.ApiException;
import dev.tally.common.http.HttpRequest;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Turns a request's bearer token into the calling user, or refuses it with the one generic 401
 * (the reason is logged by category; the client always hears the same thing).
 */
public final class RequestAuthenticator {

    private static final Logger LOG = LogManager.getLogger(RequestAuthenticator.class);

    private final JwtVerifier verifier;

    /** Authenticates with the given verifier (one per container). */
    public RequestAuthenticator(JwtVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * The user whose valid token the request carries.
     *
     * @throws ApiException {@code UNAUTHORIZED} when the header is missing or the token is not valid
     */
    public AuthenticatedUser authenticate(HttpRequest request) {
        String token = request.bearerToken().orElse(null);
        if (token == null) {
            LOG.info("token rejected reason=NO_BEARER_TOKEN requestId={}", request.requestId());
            throw ApiException.unauthorized();
        }
        TokenVerification verification = verifier.verify(token);
        if (verification instanceof TokenVerification.Verified verified) {
            return verified.user();
        }
        throw ApiException.unauthorized();
    }
}
