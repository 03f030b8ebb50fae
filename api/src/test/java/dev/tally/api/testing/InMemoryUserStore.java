package dev.tally.api.testing;

import dev.tally.api.store.CreateUserResult;
import dev.tally.api.store.NewUser;
import dev.tally.api.store.UserCredentials;
import dev.tally.api.store.UserStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The users table in memory: the e-mail claim is a put-if-absent, as in DynamoDB. */
public final class InMemoryUserStore implements UserStore {

    private final Map<String, NewUser> usersByEmail = new ConcurrentHashMap<>();

    @Override
    public CreateUserResult create(NewUser user) {
        return usersByEmail.putIfAbsent(user.email(), user) == null
                ? CreateUserResult.CREATED
                : CreateUserResult.EMAIL_TAKEN;
    }

    @Override
    public Optional<UserCredentials> findCredentials(String normalizedEmail) {
        return Optional.ofNullable(usersByEmail.get(normalizedEmail))
                .map(user -> new UserCredentials(user.userId(), user.passwordHash()));
    }

    /** The stored user for an e-mail, if any. */
    public Optional<NewUser> user(String normalizedEmail) {
        return Optional.ofNullable(usersByEmail.get(normalizedEmail));
    }
}
