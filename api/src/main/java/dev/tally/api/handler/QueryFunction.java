package dev.tally.api.handler;

import dev.tally.api.query.DebtListing;
import dev.tally.api.query.QueryService;
import dev.tally.common.auth.ReloadingJwtKeys;
import dev.tally.common.auth.RequestAuthenticator;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.QueryConfig;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.HttpRequest;
import dev.tally.common.observability.InitTrace;
import dev.tally.common.snapstart.Priming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What {@code QueryFunction} builds once per container, at class initialisation (so before a
 * SnapStart snapshot), each step timed as an init subsegment: configuration, one DynamoDB client
 * for the three tables, the JWT keys (read now, re-read on a TTL and after a restore), the cursor
 * key (derived from the signing key) and the service; then its priming is registered. Only the
 * public constructor of {@link QueryHandler} touches this class.
 */
final class QueryFunction {

    static final QueryConfig CONFIG = InitTrace.step("config", QueryConfig::fromEnvironment);
    static final AwsClients AWS = AwsClients.fromEnvironment();
    static final DynamoDbClient DYNAMODB = InitTrace.step("DynamoDbClient", AWS::dynamoDb);
    static final ReloadingJwtKeys KEYS = InitTrace.step("secret", () -> FunctionWiring.keys(CONFIG.jwt(), AWS));
    static final ApiRequestHandling HANDLING = FunctionWiring.handling();
    static final RequestAuthenticator AUTHENTICATOR = FunctionWiring.authenticator(CONFIG.jwt(), KEYS);
    static final QueryService SERVICE =
            InitTrace.step("service", () -> FunctionWiring.queryService(CONFIG, DYNAMODB, KEYS));
    static final Priming PRIMING = Priming.register("QueryFunction", QueryFunction::prime, KEYS::reload);

    private QueryFunction() {}

    /** Reads only: a token verified, the summary and the debts of a user that cannot exist, answers serialised. */
    private static void prime() {
        String token = ApiPriming.token(CONFIG.jwt(), KEYS);
        HANDLING.handle(ApiPriming.request(QueryHandler.SUMMARY, "/summary", token, null), request -> {
            String userId = AUTHENTICATOR.authenticate(request).userId();
            return HANDLING.responses().ok(SERVICE.summary(userId));
        });
        HANDLING.handle(ApiPriming.request(QueryHandler.DEBTS, "/debts", token, null), request -> {
            String userId = AUTHENTICATOR.authenticate(request).userId();
            return HANDLING.responses().ok(SERVICE.debts(userId, DebtListing.from(request)));
        });
        HANDLING.handle(ApiPriming.request(QueryHandler.SUMMARY, "/summary", "not-a-token", null), request -> {
            AUTHENTICATOR.authenticate(request); // refused: primes the 401 path
            return HANDLING.responses().ok(HttpRequest.class.getSimpleName());
        });
    }
}
