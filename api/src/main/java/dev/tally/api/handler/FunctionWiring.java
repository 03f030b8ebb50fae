package dev.tally.api.handler;

import dev.tally.api.auth.AuthService;
import dev.tally.api.store.DynamoDbCommandStore;
import dev.tally.api.store.DynamoDbLoginAttemptLimiter;
import dev.tally.api.store.DynamoDbUserStore;
import dev.tally.api.store.SqsCommandQueue;
import dev.tally.api.submission.CommandSubmissionService;
import dev.tally.api.submission.RequestHash;
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
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.events.TallyJson;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How the api functions' collaborators are built from a configuration record and the client
 * factory. Stateless: the per-container holders ({@link AuthFunction},
 * {@link CommandSubmissionFunction}) call it once with the process environment; the wiring
 * integration test calls it with local endpoints.
 */
final class FunctionWiring {

    private FunctionWiring() {}

    /** The auth service: users table, production PBKDF2 work factor, tokens signed with the Secrets Manager key. */
    static AuthService authService(AuthConfig config, AwsClients aws) {
        return new AuthService(
                new DynamoDbUserStore(aws.dynamoDb(), config.usersTable()),
                new DynamoDbLoginAttemptLimiter(
                        aws.dynamoDb(), config.loginAttemptsTable(), java.time.Clock.systemUTC()),
                new PasswordHasher(),
                new JwtIssuer(config.jwt(), keys(config.jwt(), aws), config.tokenTimeToLive()));
    }

    /** The bearer-token check, with the keys from Secrets Manager (re-read on their TTL). */
    static RequestAuthenticator authenticator(JwtSettings jwt, AwsClients aws) {
        return authenticator(jwt, keys(jwt, aws));
    }

    /** The bearer-token check with the given keys. */
    static RequestAuthenticator authenticator(JwtSettings jwt, JwtKeySource keys) {
        return new RequestAuthenticator(new JwtVerifier(jwt, keys));
    }

    /** The submission service: commands table and commands queue. */
    static CommandSubmissionService submissionService(CommandSubmissionConfig config, AwsClients aws) {
        return submissionService(config, aws.dynamoDb(), aws.sqs());
    }

    /** The submission service on clients built already. */
    static CommandSubmissionService submissionService(
            CommandSubmissionConfig config, DynamoDbClient dynamoDb, SqsClient sqs) {
        return new CommandSubmissionService(
                new DynamoDbCommandStore(dynamoDb, config.commandsTable()),
                new SqsCommandQueue(sqs, config.commandsQueueUrl().toString()),
                new RequestHash(TallyJson.MAPPER));
    }

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
}
