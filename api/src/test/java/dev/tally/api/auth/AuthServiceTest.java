package dev.tally.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import dev.tally.api.store.NewUser;
import dev.tally.api.testing.InMemoryUserStore;
import dev.tally.api.testing.TestTokens;
import dev.tally.common.auth.JwtVerifier;
import dev.tally.common.auth.PasswordHasher;
import dev.tally.common.auth.TokenVerification;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final String PASSWORD = "correct horse battery staple";

    private final InMemoryUserStore users = new InMemoryUserStore();
    /** A small work factor keeps the test fast; the production default is asserted separately. */
    private final PasswordHasher hasher = spy(new PasswordHasher(1_000));

    private LoginAttemptLimiter limiter = (email, sourceIp) -> Optional.empty();
    private final AuthService service = new AuthService(
            users,
            (email, sourceIp) -> limiter.attempt(email, sourceIp),
            hasher,
            TestTokens.issuer(),
            () -> UUID.fromString("6b1f0c2e-7d4a-4c1b-9f3e-2a5d8c7b1e90"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void register_storesAPbkdf2HashNeverThePassword() {
        Registration outcome = service.register(new RegisterRequest("ada@example.com", PASSWORD, "Ada"));

        assertThat(outcome).isEqualTo(new Registration.Registered("6b1f0c2e-7d4a-4c1b-9f3e-2a5d8c7b1e90"));
        NewUser stored = users.user("ada@example.com").orElseThrow();
        assertThat(stored.passwordHash()).startsWith("pbkdf2-sha256$1000$").doesNotContain(PASSWORD);
        assertThat(stored.displayName()).isEqualTo("Ada");
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(hasher.verify(PASSWORD, stored.passwordHash())).isTrue();
    }

    @Test
    void register_whenTheEmailIsTaken_answersEmailTaken() {
        service.register(new RegisterRequest("ada@example.com", PASSWORD, "Ada"));

        assertThat(service.register(new RegisterRequest("ada@example.com", "another password 123", "Imposter")))
                .isEqualTo(new Registration.EmailTaken());
        assertThat(users.user("ada@example.com").orElseThrow().displayName()).isEqualTo("Ada");
    }

    @Test
    void login_whenPasswordMatches_issuesATokenWhoseSubjectIsTheUser() {
        service.register(new RegisterRequest("ada@example.com", PASSWORD, "Ada"));

        Login outcome = service.login(new LoginRequest("ada@example.com", PASSWORD), "198.51.100.7");

        assertThat(outcome).isInstanceOf(Login.LoggedIn.class);
        String token = ((Login.LoggedIn) outcome).token().accessToken();
        TokenVerification verification = new JwtVerifier(TestTokens.SETTINGS, TestTokens.KEY).verify(token);
        assertThat(verification).isInstanceOf(TokenVerification.Verified.class);
        assertThat(((TokenVerification.Verified) verification).user().userId())
                .isEqualTo("6b1f0c2e-7d4a-4c1b-9f3e-2a5d8c7b1e90");
    }

    @Test
    void login_whenPasswordIsWrong_answersInvalidCredentialsAfterARealVerification() {
        service.register(new RegisterRequest("ada@example.com", PASSWORD, "Ada"));

        assertThat(service.login(new LoginRequest("ada@example.com", "wrong password 1234"), "198.51.100.7"))
                .isEqualTo(new Login.InvalidCredentials());
        verify(hasher).verify(org.mockito.ArgumentMatchers.eq("wrong password 1234"), anyString());
        verify(hasher, never()).verifyAgainstDummy(anyString());
    }

    @Test
    void login_whenEmailIsUnknown_answersTheSameAfterTheSameWorkAgainstTheDummy() {
        assertThat(service.login(new LoginRequest("nobody@example.com", PASSWORD), "198.51.100.7"))
                .isEqualTo(new Login.InvalidCredentials());
        verify(hasher).verifyAgainstDummy(PASSWORD);
    }

    @Test
    void productionHasher_usesAtLeast600000Iterations() {
        String hash = new PasswordHasher().hash("any password at all");

        assertThat(Integer.parseInt(hash.split("\\$")[1])).isGreaterThanOrEqualTo(600_000);
    }

    @Test
    void login_whenTheLimiterRefuses_answersThrottledWithoutCheckingThePassword() {
        service.register(new RegisterRequest("ada@example.com", PASSWORD, "Ada"));
        limiter = (email, sourceIp) -> "ada@example.com".equals(email) && "198.51.100.7".equals(sourceIp)
                ? Optional.of(java.time.Duration.ofSeconds(42))
                : Optional.empty();
        org.mockito.Mockito.clearInvocations(hasher);

        Login outcome = service.login(new LoginRequest("ada@example.com", PASSWORD), "198.51.100.7");

        assertThat(outcome).isEqualTo(new Login.Throttled(java.time.Duration.ofSeconds(42)));
        org.mockito.Mockito.verifyNoInteractions(hasher);
    }
}
