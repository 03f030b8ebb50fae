package dev.tally.common.auth;

import java.util.Objects;

/** The outcome of verifying one token: the caller, or why the token was refused. */
public sealed interface TokenVerification {

    /** The token is valid. */
    record Verified(AuthenticatedUser user) implements TokenVerification {
        /** Validates that the user is present. */
        public Verified {
            Objects.requireNonNull(user, "user");
        }
    }

    /** The token is refused, for a reason that is logged and never told to the client. */
    record Rejected(TokenRejection reason) implements TokenVerification {
        /** Validates that the reason is present. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
