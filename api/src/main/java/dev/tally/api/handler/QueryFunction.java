package dev.tally.api.handler;

import dev.tally.api.query.DebtCursors;
import dev.tally.api.query.QueryService;
import dev.tally.api.store.DynamoDbCommandStore;
import dev.tally.api.store.DynamoDbDebtReader;
import dev.tally.api.store.DynamoDbSummaryReader;
import dev.tally.common.auth.JwtKeySource;
import dev.tally.common.auth.JwtVerifier;
import dev.tally.common.auth.RequestAuthenticator;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.aws.SecretValues;
import dev.tally.common.config.QueryConfig;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.events.TallyJson;
import java.time.Clock;

/**
 * What {@code QueryFunction} builds once per container, at class initialisation (so before a
 * SnapStart snapshot): configuration, clients, the token verifier, the cursor key (derived from the
 * same secret, read once) and the service. Only the public constructor of {@link QueryHandler}
 * touches this class.
 */
final class QueryFunction {

    static final QueryConfig CONFIG = QueryConfig.fromEnvironment();
    static final AwsClients AWS = AwsClients.fromEnvironment();
    static final ApiRequestHandling HANDLING = new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER));
    static final JwtKeySource KEYS =
            JwtKeySource.fromSecretsManager(new SecretValues(AWS.secretsManager()), CONFIG.jwt().secretArn());
    static final RequestAuthenticator AUTHENTICATOR = new RequestAuthenticator(new JwtVerifier(CONFIG.jwt(), KEYS));
    static final QueryService SERVICE = new QueryService(
            new DynamoDbSummaryReader(AWS.dynamoDb(), CONFIG.summariesTable()),
            new DynamoDbDebtReader(AWS.dynamoDb(), CONFIG.debtsTable()),
            new DynamoDbCommandStore(AWS.dynamoDb(), CONFIG.commandsTable()),
            DebtCursors.fromJwtKey(KEYS.hmacKey()),
            Clock.systemUTC());

    private QueryFunction() {
    }
}
