package dev.tally.api.store;

/** What creating a user came to: a business outcome, not an error. */
public enum CreateUserResult {
    /** The user item and its e-mail claim were both written. */
    CREATED,
    /** Another user holds the e-mail; nothing was written. */
    EMAIL_TAKEN
}
