package dev.tally.api.handler;

import static dev.tally.api.handler.AuthHandlerTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.store.DynamoDbCommandStore;
import dev.tally.api.store.SqsCommandQueue;
import dev.tally.api.submission.CommandRequests;
import dev.tally.api.submission.CommandSubmissionService;
import dev.tally.api.submission.RequestHash;
import dev.tally.api.submission.UuidV7;
import dev.tally.api.testing.ApiGatewayEvents;
import dev.tally.api.testing.ApiTables;
import dev.tally.api.testing.TestTokens;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.common.testing.FifoQueues;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.LocalSqs;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.contract.ApiContract;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandType;
import dev.tally.events.command.CreateDebt;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** Command submission through the handler, against the embedded SQS and a local DynamoDB. */
class CommandSubmissionIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    @RegisterExtension
    static final LocalSqs SQS = new LocalSqs();

    private static final AtomicInteger RESOURCES = new AtomicInteger();

    private static DynamoDbClient dynamoDb;
    private static SqsClient sqs;

    private String commandsTable;
    private FifoQueues queues;

    @BeforeAll
    static void clients() {
        dynamoDb = DYNAMODB.client();
        sqs = SQS.client();
    }

    @AfterAll
    static void closeClients() {
        dynamoDb.close();
        sqs.close();
    }

    @BeforeEach
    void freshTableAndQueue() {
        int n = RESOURCES.incrementAndGet();
        commandsTable = "commands-" + n;
        ApiTables.createCommandsTable(dynamoDb, commandsTable);
        queues = SQS.createFifoQueueWithDeadLetterQueue(
                "commands-" + n + ".fifo", "commands-dlq-" + n + ".fifo", 5, 180);
    }

    @Test
    void submit_putsExactlyOneMessageInTheUsersGroupAndRecordsItAccepted() {
        Instant before = Instant.now();
        APIGatewayV2HTTPResponse response =
                handler(queues.queueUrl()).handleRequest(ApiGatewayEvents.load("debts-create"), context());

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = json(response);
        String debtId = body.get("debtId").asText();
        assertThat(body.get("commandId").asText()).isEqualTo("a1b2c3d4-create-dinner");
        assertThat(response.getHeaders()).containsEntry("Location", "/commands/a1b2c3d4-create-dinner");

        List<Message> messages = drain(queues.queueUrl());
        assertThat(messages).hasSize(1);
        Message message = messages.get(0);
        assertThat(message.attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, TestTokens.USER_ID)
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "a1b2c3d4-create-dinner");
        assertThat(message.messageAttributes().get("commandType").stringValue()).isEqualTo("CREATE_DEBT");
        CommandEnvelope envelope = CommandEnvelope.parse(message.body()).orElseThrow();
        assertThat(envelope.userId()).isEqualTo(TestTokens.USER_ID);
        assertThat(envelope.type()).isEqualTo(CommandType.CREATE_DEBT);
        assertThat(envelope.correlationId()).isEqualTo("Vx09aHkPjoEEJ9w=");
        assertThat(((CreateDebt) envelope.payload()).debtId()).isEqualTo(debtId);

        Map<String, AttributeValue> record = record("a1b2c3d4-create-dinner");
        assertThat(record.get("status").s()).isEqualTo("ACCEPTED");
        assertThat(record.get("type").s()).isEqualTo("CREATE_DEBT");
        assertThat(record.get("debtId").s()).isEqualTo(debtId);
        assertThat(record.get("requestHash").s()).hasSize(64);
        assertThat(Instant.parse(record.get("acceptedAt").s()))
                .isEqualTo(envelope.issuedAt())
                .isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(Long.parseLong(record.get("expiresAt").n()))
                .isEqualTo(envelope.issuedAt()
                        .plus(CommandSubmissionService.RECORD_RETENTION)
                        .getEpochSecond());
    }

    @Test
    void replayWithTheSameKeyAndBody_answersTheSame202AndLeavesOneMessage() {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handler(queues.queueUrl());

        APIGatewayV2HTTPResponse first = handler.handleRequest(ApiGatewayEvents.load("debts-create"), context());
        APIGatewayV2HTTPResponse second = handler.handleRequest(ApiGatewayEvents.load("debts-create"), context());

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(second.getStatusCode()).isEqualTo(202);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(second.getHeaders()).isEqualTo(first.getHeaders());
        assertThat(drain(queues.queueUrl())).hasSize(1);
    }

    @Test
    void sameKeyWithAnotherBody_answers422AndQueuesNothingMore() {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handler(queues.queueUrl());
        handler.handleRequest(ApiGatewayEvents.load("debts-create"), context());
        APIGatewayV2HTTPEvent changed = ApiGatewayEvents.load("debts-create");
        changed.setBody(changed.getBody().replace("12.34", "99.99"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(changed, context());

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(drain(queues.queueUrl())).hasSize(1);
    }

    @Test
    void whenTheQueueIsUnreachable_answers503AndTheRetryWithTheSameKeyDeliversOnce() {
        String missingQueue = queues.queueUrl().replace(".fifo", "-missing.fifo");
        APIGatewayV2HTTPResponse failed =
                handler(missingQueue).handleRequest(ApiGatewayEvents.load("debts-payment"), context());

        assertThat(failed.getStatusCode()).isEqualTo(503);
        assertThat(failed.getBody()).doesNotContain("NonExistentQueue").doesNotContain("Exception");
        assertThat(record("payment-0001").get("status").s()).isEqualTo("ACCEPTED");

        APIGatewayV2HTTPResponse retried =
                handler(queues.queueUrl()).handleRequest(ApiGatewayEvents.load("debts-payment"), context());

        assertThat(retried.getStatusCode()).isEqualTo(202);
        List<Message> messages = drain(queues.queueUrl());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).messageAttributes().get("commandType").stringValue())
                .isEqualTo("RECORD_PAYMENT");
    }

    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(String queueUrl) {
        CommandSubmissionService service = new CommandSubmissionService(
                new DynamoDbCommandStore(dynamoDb, commandsTable),
                new SqsCommandQueue(sqs, queueUrl),
                new RequestHash(TallyJson.MAPPER));
        return ApiContract.checked(new CommandSubmissionHandler(
                TestTokens.authenticator(),
                new CommandRequests(new UuidV7(), Clock.systemUTC()),
                service,
                new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER))));
    }

    private Map<String, AttributeValue> record(String commandId) {
        return dynamoDb.getItem(get -> get.tableName(commandsTable)
                        .consistentRead(true)
                        .key(Map.of(
                                "userId",
                                AttributeValue.fromS(TestTokens.USER_ID),
                                "commandId",
                                AttributeValue.fromS(commandId))))
                .item();
    }

    /** Receives until the queue answers empty (long polls of one second, no sleeps). */
    private static List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            ReceiveMessageResponse received = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1)
                    .visibilityTimeout(60)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All"));
            if (!received.hasMessages() || received.messages().isEmpty()) {
                return all;
            }
            all.addAll(received.messages());
        }
    }

    private static TestLambdaContext context() {
        return new TestLambdaContext("CommandSubmissionFunction");
    }
}
