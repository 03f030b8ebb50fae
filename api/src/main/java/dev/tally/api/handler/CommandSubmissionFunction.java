package dev.tally.api.handler;

import dev.tally.api.store.DynamoDbCommandStore;
import dev.tally.api.submission.CommandRequests;
import dev.tally.api.submission.CommandSubmissionService;
import dev.tally.api.submission.Submission;
import dev.tally.common.auth.ReloadingJwtKeys;
import dev.tally.common.auth.RequestAuthenticator;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.CommandSubmissionConfig;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.observability.InitTrace;
import dev.tally.common.snapstart.Priming;
import dev.tally.events.view.CommandAcceptedView;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What {@code CommandSubmissionFunction} builds once per container, at class initialisation (so
 * before a SnapStart snapshot), each step timed as an init subsegment; then its priming is
 * registered. Only the public constructor of {@link CommandSubmissionHandler} touches this class.
 */
final class CommandSubmissionFunction {

    static final CommandSubmissionConfig CONFIG = InitTrace.step("config", CommandSubmissionConfig::fromEnvironment);
    static final AwsClients AWS = AwsClients.fromEnvironment();
    static final DynamoDbClient DYNAMODB = InitTrace.step("DynamoDbClient", AWS::dynamoDb);
    static final SqsClient SQS = InitTrace.step("SqsClient", AWS::sqs);
    static final ReloadingJwtKeys KEYS = InitTrace.step("secret", () -> FunctionWiring.keys(CONFIG.jwt(), AWS));
    static final ApiRequestHandling HANDLING = FunctionWiring.handling();
    static final RequestAuthenticator AUTHENTICATOR = FunctionWiring.authenticator(CONFIG.jwt(), KEYS);
    static final CommandRequests REQUESTS = FunctionWiring.commandRequests();
    static final CommandSubmissionService SERVICE = FunctionWiring.submissionService(CONFIG, DYNAMODB, SQS);
    static final Priming PRIMING =
            Priming.register("CommandSubmissionFunction", CommandSubmissionFunction::prime, KEYS::reload);

    private CommandSubmissionFunction() {}

    /**
     * Writes nothing: a create request authenticated, read and validated, its 202 answer serialised;
     * a read of a command that cannot exist; the queue's attributes read (SQS client and signing).
     */
    private static void prime() {
        String token = ApiPriming.token(CONFIG.jwt(), KEYS);
        String body = "{\"counterparty\":{\"name\":\"Priming\"},\"direction\":\"OWED_TO_ME\","
                + "\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"},\"description\":\"priming\"}";
        HANDLING.handle(ApiPriming.request(CommandRequests.CREATE, "/debts", token, body), request -> {
            String userId = AUTHENTICATOR.authenticate(request).userId();
            Submission submission = REQUESTS.read(request);
            String commandId = "priming-command-that-cannot-exist";
            new DynamoDbCommandStore(DYNAMODB, CONFIG.commandsTable()).find(userId, commandId);
            CommandAcceptedView view =
                    CommandAcceptedView.accepted(commandId, submission.command().debtId());
            return HANDLING.responses().accepted(view, view.statusUrl());
        });
        SQS.getQueueAttributes(
                request -> request.queueUrl(CONFIG.commandsQueueUrl().toString())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
