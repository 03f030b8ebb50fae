package dev.tally.api.handler;

import dev.tally.api.auth.AuthRequests;
import dev.tally.api.auth.AuthService;
import dev.tally.api.auth.TokenView;
import dev.tally.common.auth.ReloadingJwtKeys;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.AuthConfig;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.observability.InitTrace;
import dev.tally.common.snapstart.Priming;
import java.util.Optional;
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
    static final AuthRequests REQUESTS = new AuthRequests();
    static final AuthService SERVICE =
            FunctionWiring.authService(CONFIG, DYNAMODB, KEYS, FunctionWiring.loginAttemptLimiter(CONFIG, DYNAMODB));
    static final Priming PRIMING = Priming.register("AuthFunction", AuthFunction::prime, KEYS::reload);

    private AuthFunction() {}

    /**
     * Writes nothing: a login of an e-mail that cannot be registered (its lookup, and the dummy
     * password hash that keeps unknown e-mails as slow as known ones: PBKDF2 compiled before the
     * first real login), and a token issued in memory and serialised. The attempt limiter is left
     * out (its counters are writes), so priming counts against no account or address.
     */
    private static void prime() {
        AuthService withoutLimits =
                FunctionWiring.authService(CONFIG, DYNAMODB, KEYS, (email, sourceIp) -> Optional.empty());
        String body = "{\"email\":\"priming@priming.invalid\",\"password\":\"priming-password-not-used\"}";
        HANDLING.handle(ApiPriming.request(AuthHandler.LOGIN, "/auth/login", null, body), request -> {
            withoutLimits.login(REQUESTS.login(request.requireJsonBody()), request.sourceIp());
            return HANDLING.responses()
                    .ok(TokenView.of(FunctionWiring.issuer(CONFIG, KEYS).issue(ApiPriming.USER_ID)));
        });
    }
}
