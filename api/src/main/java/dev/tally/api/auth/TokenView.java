package dev.tally.api.auth;

import dev.tally.common.auth.IssuedToken;

/**
 * The 200 answer of {@code POST /auth/login}: {@code {"accessToken", "tokenType": "Bearer", "expiresIn"}}.
 *
 * @param accessToken the JWT to send as {@code Authorization: Bearer <accessToken>}
 * @param tokenType   always {@code Bearer}
 * @param expiresIn   the token's lifetime in seconds
 */
public record TokenView(String accessToken, String tokenType, long expiresIn) {

    /** The answer for a token just issued. */
    public static TokenView of(IssuedToken token) {
        return new TokenView(token.accessToken(), "Bearer", token.expiresInSeconds());
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "TokenView[accessToken=redacted, expiresIn=" + expiresIn + "]";
    }
}
