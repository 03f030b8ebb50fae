package dev.tally.api.handler;

import dev.tally.api.auth.AuthRequests;
import dev.tally.api.auth.AuthService;
import dev.tally.api.auth.TokenView;
import dev.tally.api.store.DynamoDbUserStore;
import dev.tally.common.auth.JwtIssuer;
import dev.tally.common.auth.PasswordHasher;
import dev.tally.common.auth.ReloadingJwtKeys;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.AuthConfig;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.observability.InitTrace;
import dev.tally.common.snapstart.Priming;
import dev.tally.events.Limits;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What {@code AuthFunction} builds once per container, at class initialisation (so before a
 * SnapStart snapshot), from the process environment, each step timed as an init subsegment; then
 * its priming is registered. Only the public constructor of {@link AuthHandler} touches this class,
 * so tests never need the environment.
 */
final class AuthFunction {

    static final AuthConfig CONFIG = InitTrace.step("config", AuthConfig::fromEnvironment);
    static final AwsClients AWS = AwsClients.fromEnvironment();
    static final DynamoDbClient DYNAMODB = InitTrace.step("DynamoDbClient", AWS::dynamoDb);
    static final ReloadingJwtKeys KEYS = InitTrace.step("secret", () -> FunctionWiring.keys(CONFIG.jwt(), AWS));
    static final ApiRequestHandling HANDLING = FunctionWiring.handling();
    static final AuthService SERVICE = new AuthService(new DynamoDbUserStore(DYNAMODB, CONFIG.usersTable()),
            new PasswordHasher(), new JwtIssuer(CONFIG.jwt(), KEYS, CONFIG.tokenTimeToLive()));
    static final Priming PRIMING = Priming.register("AuthFunction", AuthFunction::prime, KEYS::reload);

    private AuthFunction() {
    }

    /**
     * Writes nothing: a login of an e-mail that cannot be registered (its lookup, and the dummy
     * password hash that keeps unknown e-mails as slow as known ones: PBKDF2 compiled before the
     * first real login), and a token issued in memory and serialised.
     */
    private static void prime() {
        AuthRequests requests = new AuthRequests();
        String body = "{\"email\":\"priming@priming.invalid\",\"password\":\"priming-password-not-used\"}";
        HANDLING.handle(ApiPriming.request(AuthHandler.LOGIN, "/auth/login", null, body), request -> {
            SERVICE.login(requests.login(request.requireJsonBody(Limits.BODY_MAX)));
            return HANDLING.responses().ok(TokenView.of(
                    new JwtIssuer(CONFIG.jwt(), KEYS, CONFIG.tokenTimeToLive()).issue(ApiPriming.USER_ID)));
        });
    }
}
