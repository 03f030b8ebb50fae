package dev.tally.api.handler;

import dev.tally.api.store.DynamoDbCommandStore;
import dev.tally.api.store.SqsCommandQueue;
import dev.tally.api.submission.CommandRequests;
import dev.tally.api.submission.CommandSubmissionService;
import dev.tally.api.submission.RequestHash;
import dev.tally.api.submission.UuidV7;
import dev.tally.common.auth.JwtKeySource;
import dev.tally.common.auth.JwtVerifier;
import dev.tally.common.auth.RequestAuthenticator;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.aws.SecretValues;
import dev.tally.common.config.CommandSubmissionConfig;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.events.TallyJson;
import java.time.Clock;

/**
 * What {@code CommandSubmissionFunction} builds once per container, at class initialisation (so
 * before a SnapStart snapshot): configuration, clients, the token verifier and the service. Only
 * the public constructor of {@link CommandSubmissionHandler} touches this class.
 */
final class CommandSubmissionFunction {

    static final CommandSubmissionConfig CONFIG = CommandSubmissionConfig.fromEnvironment();
    static final AwsClients AWS = AwsClients.fromEnvironment();
    static final ApiRequestHandling HANDLING = new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER));
    static final RequestAuthenticator AUTHENTICATOR = new RequestAuthenticator(new JwtVerifier(CONFIG.jwt(),
            JwtKeySource.fromSecretsManager(new SecretValues(AWS.secretsManager()), CONFIG.jwt().secretArn())));
    static final CommandRequests REQUESTS = new CommandRequests(new UuidV7(), Clock.systemUTC());
    static final CommandSubmissionService SERVICE = new CommandSubmissionService(
            new DynamoDbCommandStore(AWS.dynamoDb(), CONFIG.commandsTable()),
            new SqsCommandQueue(AWS.sqs(), CONFIG.commandsQueueUrl().toString()),
            new RequestHash(TallyJson.MAPPER));

    private CommandSubmissionFunction() {
    }
}
