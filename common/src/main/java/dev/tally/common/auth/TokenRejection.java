package dev.tally.common.auth;

/**
 * Why a token was refused: logged as a category, never told to the client (who always gets the
 * same 401), and never accompanied by the token itself.
 */
public enum TokenRejection {
    /** No token, or not a compact JWS (wrong number of parts, bad base64, bad JSON, bad claim types). */
    MALFORMED,
    /** {@code alg} is not the pinned one ({@code none}, HS384, RS256 without JWKS, …) or the token is encrypted. */
    ALGORITHM_NOT_ALLOWED,
    /** The signature does not verify with the configured key. */
    BAD_SIGNATURE,
    /** No key of the JWKS matches the token's {@code kid}/algorithm. */
    NO_MATCHING_KEY,
    /** The JWKS could not be fetched. */
    KEY_UNAVAILABLE,
    /** {@code exp} is absent. */
    MISSING_EXPIRY,
    /** {@code exp} is past, beyond the clock skew. */
    EXPIRED,
    /** {@code nbf} or {@code iat} is in the future, beyond the clock skew. */
    NOT_YET_VALID,
    /** {@code iss} is not the configured issuer. */
    WRONG_ISSUER,
    /** {@code aud} does not contain the configured audience. */
    WRONG_AUDIENCE,
    /** {@code sub} is absent or blank. */
    MISSING_SUBJECT,
    /**
     * {@code sub} is not a Tally user id (1 to 128 of letters, digits, {@code . _ : -}): it could not
     * key a command or a debt, so the token is refused before anything is recorded.
     */
    INVALID_SUBJECT
}
