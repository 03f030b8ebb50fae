package dev.tally.api.auth;

import java.util.Objects;

/** What a registration came to. */
public sealed interface Registration {

    /** The user was created. */
    record Registered(String userId) implements Registration {
        public Registered {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** Another user holds the e-mail; nothing was created. */
    record EmailTaken() implements Registration {}
}
