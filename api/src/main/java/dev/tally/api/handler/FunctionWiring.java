package dev.tally.api.handler;

import dev.tally.api.auth.AuthService;
import dev.tally.api.auth.LoginAttemptLimiter;
import dev.tally.api.query.DebtCursors;
import dev.tally.api.query.QueryService;
import dev.tally.api.store.DynamoDbCommandStore;
import dev.tally.api.store.DynamoDbDebtReader;
import dev.tally.api.store.DynamoDbLoginAttemptLimiter;
import dev.tally.api.store.DynamoDbUserStore;
import dev.tally.api.store.SqsCommandQueue;
import dev.tally.api.submission.CommandRequests;
import dev.tally.api.submission.CommandSubmissionService;
import dev.tally.api.submission.RequestHash;
import dev.tally.api.submission.UuidV7;
import dev.tally.common.auth.JwtIssuer;
import dev.tally.common.auth.JwtKeySource;
import dev.tally.common.auth.JwtVerifier;
import dev.tally.common.auth.PasswordHasher;
import dev.tally.common.auth.ReloadingJwtKeys;
import dev.tally.common.auth.RequestAuthenticator;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.aws.SecretValues;
import dev.tally.common.config.AuthConfig;
import dev.tally.common.config.CommandSubmissionConfig;
import dev.tally.common.config.JwtSettings;
import dev.tally.common.config.QueryConfig;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.events.TallyJson;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How the api functions' collaborators are built from a configuration record and clients (ADR 0106):
 * the only place they are assembled. Stateless; the per-container holders ({@link AuthFunction},
 * {@link CommandSubmissionFunction}, {@link QueryFunction}) call it once with the process environment
 * and the clients they built; {@code FunctionWiringIT} calls the same methods with local endpoints, so
 * every function's production wiring is under test.
 */
final class FunctionWiring {

    private FunctionWiring() {}

    /** The error mapping and JSON answers of every HTTP handler. */
    static ApiRequestHandling handling() {
        return new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER));
    }

    /** The JWT keys from Secrets Manager, read now (a function without its key must not start). */
    static ReloadingJwtKeys keys(JwtSettings jwt, AwsClients aws) {
        ReloadingJwtKeys keys =
                JwtKeySource.fromSecretsManager(new SecretValues(aws.secretsManager()), jwt.secretArn());
        keys.reload();
        return keys;
    }

    /** The bearer-token check with the given keys. */
    static RequestAuthenticator authenticator(JwtSettings jwt, JwtKeySource keys) {
        return new RequestAuthenticator(new JwtVerifier(jwt, keys));
    }

    /** The login attempt counters (ADR 0145) in their table. */
    static LoginAttemptLimiter loginAttemptLimiter(AuthConfig config, DynamoDbClient dynamoDb) {
        return new DynamoDbLoginAttemptLimiter(dynamoDb, config.loginAttemptsTable(), Clock.systemUTC());
    }

    /**
     * The auth service: users table, production PBKDF2 work factor, tokens signed with the given keys,
     * attempts counted by {@code limiter} (priming passes one that counts nothing).
     */
    static AuthService authService(
            AuthConfig config, DynamoDbClient dynamoDb, JwtKeySource keys, LoginAttemptLimiter limiter) {
        return new AuthService(
                new DynamoDbUserStore(dynamoDb, config.usersTable()),
                limiter,
                new PasswordHasher(),
                issuer(config, keys));
    }

    /** The access-token issuer: the configured issuer, audience and lifetime, signed with the given keys. */
    static JwtIssuer issuer(AuthConfig config, JwtKeySource keys) {
        return new JwtIssuer(config.jwt(), keys, config.tokenTimeToLive());
    }

    /** How a command request is read: UUIDv7 ids, the system clock. */
    static CommandRequests commandRequests() {
        return new CommandRequests(new UuidV7(), Clock.systemUTC());
    }

    /** The submission service: commands table and commands queue. */
    static CommandSubmissionService submissionService(
            CommandSubmissionConfig config, DynamoDbClient dynamoDb, SqsClient sqs) {
        return new CommandSubmissionService(
                new DynamoDbCommandStore(dynamoDb, config.commandsTable()),
                new SqsCommandQueue(sqs, config.commandsQueueUrl().toString()),
                new RequestHash(TallyJson.MAPPER));
    }

    /** The query service: one DynamoDB client for the three tables, cursors keyed from the JWT key. */
    static QueryService queryService(QueryConfig config, DynamoDbClient dynamoDb, ReloadingJwtKeys keys) {
        return new QueryService(
                new DynamoDbSummaryStore(dynamoDb, config.summariesTable()),
                new DynamoDbDebtReader(dynamoDb, config.debtsTable()),
                new DynamoDbCommandStore(dynamoDb, config.commandsTable()),
                DebtCursors.fromJwtKey(keys.hmacKey()),
                Clock.systemUTC());
    }
}
