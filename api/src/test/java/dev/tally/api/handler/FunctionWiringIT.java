package dev.tally.api.handler;

import static dev.tally.api.handler.AuthHandlerTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tally.api.auth.AuthRequests;
import dev.tally.api.testing.ApiGatewayEvents;
import dev.tally.api.testing.ApiTables;
import dev.tally.common.auth.ReloadingJwtKeys;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.AuthConfig;
import dev.tally.common.config.CommandSubmissionConfig;
import dev.tally.common.config.QueryConfig;
import dev.tally.common.testing.FifoQueues;
import dev.tally.common.testing.LocalAws;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.LocalSqs;
import dev.tally.common.testing.MotoServer;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.contract.ApiContract;
import dev.tally.events.command.CommandEnvelope;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The functions as Lambda builds them ({@link FunctionWiring} from the configuration records and
 * the client factory), against local endpoints for every service they use — DynamoDB, SQS and
 * Secrets Manager (moto) for the signing key: register, log in, submit a debt with the token and read
 * the command's status back: every api function's production wiring (ADR 0106).
 */
class FunctionWiringIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    @RegisterExtension
    static final LocalSqs SQS = new LocalSqs();

    private static MotoServer secretsManager;
    private static Map<String, String> environment;
    private static FifoQueues queues;

    @BeforeAll
    static void stack() {
        secretsManager = MotoServer.start();
        Map<String, String> endpoints = LocalAws.environment(
                DYNAMODB.environment(),
                SQS.environment(),
                Map.of(
                        "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                        secretsManager.endpoint().toString()));
        AwsClients aws = LocalAws.clients(endpoints);
        String secretArn;
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        try (var secrets = aws.secretsManager()) {
            secretArn = secrets.createSecret(create -> create.name("tally-jwt-signing-key")
                            .secretString(Base64.getEncoder().encodeToString(key)))
                    .arn();
        }
        try (var dynamoDb = aws.dynamoDb()) {
            ApiTables.createUsersTable(dynamoDb, "tally-users");
            ApiTables.createLoginAttemptsTable(dynamoDb, "tally-login-attempts");
            ApiTables.createCommandsTable(dynamoDb, "tally-commands");
        }
        queues = SQS.createFifoQueueWithDeadLetterQueue("tally-commands.fifo", "tally-commands-dlq.fifo", 5, 180);
        Map<String, String> variables = new HashMap<>(endpoints);
        variables.putAll(Map.of(
                "USERS_TABLE", "tally-users",
                "LOGIN_ATTEMPTS_TABLE", "tally-login-attempts",
                "COMMANDS_TABLE", "tally-commands",
                "DEBTS_TABLE", "tally-debts",
                "SUMMARIES_TABLE", "tally-summaries",
                "COMMANDS_QUEUE_URL", queues.queueUrl(),
                "JWT_SECRET_ARN", secretArn,
                "JWT_ISSUER", "https://tally.local",
                "JWT_AUDIENCE", "tally-api"));
        environment = Map.copyOf(variables);
    }

    @AfterAll
    static void stopSecretsManager() {
        secretsManager.close();
    }

    @Test
    void registerLoginAndSubmit_throughTheProductionWiring() {
        AwsClients aws = LocalAws.clients(environment);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        AuthConfig authConfig = AuthConfig.from(environment);
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> auth = ApiContract.checked(new AuthHandler(
                FunctionWiring.authService(
                        authConfig,
                        dynamoDb,
                        FunctionWiring.keys(authConfig.jwt(), aws),
                        FunctionWiring.loginAttemptLimiter(authConfig, dynamoDb)),
                new AuthRequests(),
                FunctionWiring.handling()));
        CommandSubmissionConfig submissionConfig = CommandSubmissionConfig.from(environment);
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> submission =
                ApiContract.checked(new CommandSubmissionHandler(
                        FunctionWiring.authenticator(
                                submissionConfig.jwt(), FunctionWiring.keys(submissionConfig.jwt(), aws)),
                        FunctionWiring.commandRequests(),
                        FunctionWiring.submissionService(submissionConfig, dynamoDb, aws.sqs()),
                        FunctionWiring.handling()));
        QueryConfig queryConfig = QueryConfig.from(environment);
        ReloadingJwtKeys queryKeys = FunctionWiring.keys(queryConfig.jwt(), aws);
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> query = ApiContract.checked(new QueryHandler(
                FunctionWiring.authenticator(queryConfig.jwt(), queryKeys),
                FunctionWiring.queryService(queryConfig, dynamoDb, queryKeys),
                FunctionWiring.handling()));

        APIGatewayV2HTTPResponse registered =
                auth.handleRequest(ApiGatewayEvents.load("auth-register"), context("AuthFunction"));
        assertThat(registered.getStatusCode()).isEqualTo(201);
        String userId = json(registered).get("userId").asText();
        APIGatewayV2HTTPResponse loggedIn =
                auth.handleRequest(ApiGatewayEvents.load("auth-login"), context("AuthFunction"));
        assertThat(loggedIn.getStatusCode()).isEqualTo(200);
        String token = json(loggedIn).get("accessToken").asText();

        APIGatewayV2HTTPEvent create =
                ApiGatewayEvents.withHeader(ApiGatewayEvents.load("debts-create"), "authorization", "Bearer " + token);
        APIGatewayV2HTTPResponse accepted = submission.handleRequest(create, context("CommandSubmissionFunction"));

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        String commandId = json(accepted).get("commandId").asText();
        APIGatewayV2HTTPEvent status =
                ApiGatewayEvents.withHeader(ApiGatewayEvents.load("query/command"), "authorization", "Bearer " + token);
        status.setPathParameters(Map.of("commandId", commandId));
        APIGatewayV2HTTPResponse command = query.handleRequest(status, context("QueryFunction"));
        assertThat(command.getStatusCode()).as(command.getBody()).isEqualTo(200);
        assertThat(json(command).get("commandId").asText()).isEqualTo(commandId);
        try (SqsClient sqs = SQS.client()) {
            List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queues.queueUrl())
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(5)
                            .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .messages();
            assertThat(messages).singleElement().satisfies(message -> {
                assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, userId);
                assertThat(CommandEnvelope.parse(message.body()).orElseThrow().userId())
                        .isEqualTo(userId);
            });
        }
    }

    private static TestLambdaContext context(String function) {
        return new TestLambdaContext(function);
    }
}
