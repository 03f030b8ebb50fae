package dev.tally.api.auth;

import dev.tally.common.auth.IssuedToken;
import java.util.Objects;

/** What a login attempt came to. */
public sealed interface Login {

    /** The credentials matched; the token is for the user they belong to. */
    record LoggedIn(IssuedToken token) implements Login {
        public LoggedIn {
            Objects.requireNonNull(token, "token");
        }
    }

    /** Too many attempts for the account or from the source; retry after {@code retryAfter}. */
    record Throttled(java.time.Duration retryAfter) implements Login {
        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Unknown e-mail or wrong password: deliberately not told apart. */
    record InvalidCredentials() implements Login {}
}
