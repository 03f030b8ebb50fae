package dev.tally.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tally.common.auth.JwtIssuer;
import dev.tally.common.auth.JwtKeySource;
import dev.tally.common.auth.JwtVerifier;
import dev.tally.common.auth.TokenVerification;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.aws.SecretValues;
import dev.tally.common.config.JwtSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Real SDK clients, built by {@link AwsClients} from an environment lookup, against the local endpoints. */
class LocalEndpointsIT {

    @RegisterExtension
    static final LocalSqs SQS = new LocalSqs();

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    @Test
    void sqs_fifoRoundTripThroughAwsClients() {
        FifoQueues queues = SQS.createFifoQueueWithDeadLetterQueue("roundtrip.fifo", "roundtrip-dlq.fifo", 5, 30);
        AwsClients clients = LocalAws.clients(LocalAws.environment(SQS.environment()));
        assertThat(queues.queueUrl()).isEqualTo(SQS.endpoint() + "/" + LocalAws.ACCOUNT_ID + "/roundtrip.fifo");

        try (SqsClient sqs = clients.sqs()) {
            assertThat(sqs.serviceClientConfiguration().endpointOverride()).contains(SQS.endpoint());
            sqs.sendMessage(request -> request.queueUrl(queues.queueUrl())
                    .messageBody("{\"commandId\":\"c-1\"}")
                    .messageGroupId("user-1")
                    .messageDeduplicationId("c-1"));
            sqs.sendMessage(request -> request.queueUrl(queues.queueUrl())
                    .messageBody("{\"commandId\":\"c-1\"}")
                    .messageGroupId("user-1")
                    .messageDeduplicationId("c-1")); // deduplicated

            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(queues.queueUrl())
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .messages();

            assertThat(received).singleElement().satisfies(message -> {
                assertThat(message.body()).isEqualTo("{\"commandId\":\"c-1\"}");
                assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "user-1");
            });
            sqs.deleteMessage(request -> request.queueUrl(queues.queueUrl())
                    .receiptHandle(received.get(0).receiptHandle()));
            assertThat(sqs.getQueueAttributes(request -> request.queueUrl(queues.queueUrl())
                                    .attributeNames(QueueAttributeName.REDRIVE_POLICY))
                            .attributes()
                            .get(QueueAttributeName.REDRIVE_POLICY))
                    .contains(queues.deadLetterQueueArn());
            assertThat(sqs.listDeadLetterSourceQueues(request -> request.queueUrl(queues.deadLetterQueueUrl()))
                            .queueUrls())
                    .containsExactly(queues.queueUrl());
        }
    }

    @Test
    void sqs_messageReceivedTooOftenMovesToTheDeadLetterQueue() {
        FifoQueues queues = SQS.createFifoQueueWithDeadLetterQueue("redrive.fifo", "redrive-dlq.fifo", 1, 1);

        try (SqsClient sqs = SQS.client()) {
            sqs.sendMessage(request -> request.queueUrl(queues.queueUrl())
                    .messageBody("poison")
                    .messageGroupId("user-1")
                    .messageDeduplicationId("p-1"));
            assertThat(sqs.receiveMessage(request ->
                                    request.queueUrl(queues.queueUrl()).waitTimeSeconds(1))
                            .messages())
                    .hasSize(1); // received once, never deleted

            Message dead = await("message redriven to the DLQ")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> receiveOne(sqs, queues.queueUrl(), queues.deadLetterQueueUrl()), Optional::isPresent)
                    .orElseThrow();
            assertThat(dead.body()).isEqualTo("poison");
        }
    }

    @Test
    void dynamoDb_putGetAndConditionalPutThroughAwsClients() {
        AwsClients clients = LocalAws.clients(LocalAws.environment(DYNAMODB.environment()));

        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride()).contains(DYNAMODB.endpoint());
            dynamoDb.createTable(request -> request.tableName("roundtrip")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build()));
            Map<String, AttributeValue> item =
                    Map.of("pk", AttributeValue.fromS("USER#1"), "version", AttributeValue.fromN("1"));
            dynamoDb.putItem(request ->
                    request.tableName("roundtrip").item(item).conditionExpression("attribute_not_exists(pk)"));

            Map<String, AttributeValue> read = dynamoDb.getItem(request -> request.tableName("roundtrip")
                            .key(Map.of("pk", AttributeValue.fromS("USER#1")))
                            .consistentRead(true))
                    .item();

            assertThat(read).isEqualTo(item);
            assertThatThrownBy(() -> dynamoDb.putItem(request ->
                            request.tableName("roundtrip").item(item).conditionExpression("attribute_not_exists(pk)")))
                    .isInstanceOf(ConditionalCheckFailedException.class);
        }
    }

    @Test
    void secretsManager_jwtKeyReadOnceThroughAwsClientsAndUsedToSignAndVerify() {
        String secret = "local-jwt-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
        try (MotoServer moto = MotoServer.start()) {
            Map<String, String> environment = LocalAws.environment(
                    Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString()));
            try (SecretsManagerClient secretsManager =
                    LocalAws.clients(environment).secretsManager()) {
                String arn = secretsManager
                        .createSecret(request -> request.name("tally/jwt").secretString(secret))
                        .arn();
                JwtSettings settings = JwtSettings.from(
                        Map.of("JWT_SECRET_ARN", arn, "JWT_ISSUER", "https://tally.dev", "JWT_AUDIENCE", "tally-api"));
                JwtKeySource keys =
                        JwtKeySource.fromSecretsManager(new SecretValues(secretsManager), settings.secretArn());

                String token = new JwtIssuer(settings, keys, Duration.ofMinutes(5))
                        .issue("user-7")
                        .accessToken();

                assertThat(new JwtVerifier(settings, keys).verify(token))
                        .isInstanceOfSatisfying(
                                TokenVerification.Verified.class,
                                verified -> assertThat(verified.user().userId()).isEqualTo("user-7"));
            }
        }
    }

    @Test
    void motoServer_whenClosed_processIsGone() {
        MotoServer moto = MotoServer.start();
        long pid = moto.pid();
        assertThat(ProcessHandle.of(pid))
                .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        moto.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
    }

    @Test
    void motoServer_whenExecutableMissing_failsLoudlyNamingIt() {
        System.setProperty("moto.server", "/nonexistent/moto_server");
        try {
            assertThatThrownBy(MotoServer::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/moto_server")
                    .hasMessageContaining("pip install");
        } finally {
            System.clearProperty("moto.server");
        }
    }

    private static Optional<Message> receiveOne(SqsClient sqs, String queueUrl, String deadLetterQueueUrl) {
        // Receiving from the source queue is what makes SQS count receives and redrive.
        sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(0));
        return sqs
                .receiveMessage(request -> request.queueUrl(deadLetterQueueUrl).waitTimeSeconds(0))
                .messages()
                .stream()
                .findFirst();
    }
}
