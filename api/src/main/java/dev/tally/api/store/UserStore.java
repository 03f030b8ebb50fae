package dev.tally.api.store;

import java.util.Optional;

/**
 * The users table as the auth service sees it: create a user with a unique e-mail, look up the
 * credentials for an e-mail.
 *
 * <p>E-mail uniqueness is the store's job (a conditional write), never a read before a write.
 */
public interface UserStore {

    /**
     * Creates the user and claims its e-mail in one atomic step.
     *
     * @return {@link CreateUserResult#EMAIL_TAKEN} when another user already holds the e-mail
     */
    CreateUserResult create(NewUser user);

    /** The stored credentials for a lower-cased e-mail, if a user registered it. */
    Optional<UserCredentials> findCredentials(String normalizedEmail);
}
