package dev.tally.api.auth;

import dev.tally.api.store.CreateUserResult;
import dev.tally.api.store.NewUser;
import dev.tally.api.store.UserCredentials;
import dev.tally.api.store.UserStore;
import dev.tally.common.auth.JwtIssuer;
import dev.tally.common.auth.PasswordHasher;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Registers users and logs them in.
 *
 * <p>Registration hashes the password (PBKDF2 through {@link PasswordHasher}) and leaves e-mail
 * uniqueness to the store's conditional write. Login answers an unknown e-mail exactly like a
 * wrong password, after the same PBKDF2 work ({@link PasswordHasher#verifyAgainstDummy}), so
 * neither the answer nor its timing tells whether an e-mail is registered.
 */
public final class AuthService {

    private static final Logger LOG = LogManager.getLogger(AuthService.class);

    private final UserStore users;
    private final LoginAttemptLimiter limiter;
    private final PasswordHasher hasher;
    private final JwtIssuer issuer;
    private final Supplier<UUID> userIds;
    private final Clock clock;

    /** A service creating random (version 4) user ids on the system clock. */
    public AuthService(UserStore users, LoginAttemptLimiter limiter, PasswordHasher hasher, JwtIssuer issuer) {
        this(users, limiter, hasher, issuer, UUID::randomUUID, Clock.systemUTC());
    }

    AuthService(
            UserStore users,
            LoginAttemptLimiter limiter,
            PasswordHasher hasher,
            JwtIssuer issuer,
            Supplier<UUID> userIds,
            Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.userIds = Objects.requireNonNull(userIds, "userIds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the user, unless the e-mail is taken. */
    public Registration register(RegisterRequest request) {
        String userId = userIds.get().toString();
        NewUser user = new NewUser(
                userId, request.email(), request.displayName(), hasher.hash(request.password()), clock.instant());
        if (users.create(user) == CreateUserResult.EMAIL_TAKEN) {
            LOG.info("registration refused reason=EMAIL_TAKEN");
            return new Registration.EmailTaken();
        }
        LOG.info("user registered userId={}", userId);
        return new Registration.Registered(userId);
    }

    /**
     * Issues an access token when the e-mail is registered and the password matches; refuses the
     * attempt before any check when the account or the source is over its limit.
     */
    public Login login(LoginRequest request, String sourceIp) {
        Optional<java.time.Duration> wait = limiter.attempt(request.email(), sourceIp);
        if (wait.isPresent()) {
            LOG.info(
                    "login refused reason=TOO_MANY_ATTEMPTS retryAfterSeconds={}",
                    wait.get().toSeconds());
            return new Login.Throttled(wait.get());
        }
        Optional<UserCredentials> credentials = users.findCredentials(request.email());
        if (credentials.isEmpty()) {
            hasher.verifyAgainstDummy(request.password());
            LOG.info("login refused reason=UNKNOWN_EMAIL");
            return new Login.InvalidCredentials();
        }
        if (!hasher.verify(request.password(), credentials.get().passwordHash())) {
            LOG.info(
                    "login refused reason=WRONG_PASSWORD userId={}",
                    credentials.get().userId());
            return new Login.InvalidCredentials();
        }
        LOG.info("login succeeded userId={}", credentials.get().userId());
        return new Login.LoggedIn(issuer.issue(credentials.get().userId()));
    }
}
