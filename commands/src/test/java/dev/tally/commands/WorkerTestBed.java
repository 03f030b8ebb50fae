package dev.tally.commands;

import dev.tally.commands.store.BatchUnits;
import dev.tally.commands.store.DynamoDbBatchUnits;
import dev.tally.commands.store.DynamoDbCommandStatusStore;
import dev.tally.commands.store.DynamoDbDebtStore;
import dev.tally.commands.store.SqsDeadLetterQueue;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.aws.ClientTimeouts;
import dev.tally.common.domain.Debt;
import dev.tally.common.testing.FifoQueues;
import dev.tally.common.testing.LocalAws;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.LocalSqs;
import dev.tally.events.command.CommandEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The worker's surroundings for integration tests: the {@code debts} and {@code commands} tables with
 * the key schema of {@code docs/ARCHITECTURE.md}, a FIFO queue redriving to a FIFO DLQ after 5
 * receives, and helpers to send commands and read what the worker wrote.
 */
public final class WorkerTestBed {

    public static final int MAX_RECEIVE_COUNT = 5;
    public static final int VISIBILITY_TIMEOUT_SECONDS = 1;
    private static final ClientTimeouts PATIENT = new ClientTimeouts(
            Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30));

    public final DynamoDbClient dynamoDb;
    public final SqsClient sqs;
    public final String debtsTable;
    public final String commandsTable;

    private WorkerTestBed(DynamoDbClient dynamoDb, SqsClient sqs, String debtsTable, String commandsTable) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.debtsTable = debtsTable;
        this.commandsTable = commandsTable;
    }

    /**
     * Clients for the local endpoints, built by Tally's {@code AwsClients} with patient time limits (a
     * loaded test machine is no reason for a retry the test did not ask for), and the two tables,
     * uniquely named.
     */
    @SuppressWarnings("unchecked")
    public static WorkerTestBed create(LocalSqs localSqs, LocalDynamoDb localDynamoDb) {
        Map<String, String> environment = LocalAws.environment(localSqs.environment(), localDynamoDb.environment());
        AwsClients clients = AwsClients.builder()
                .environment(environment::get)
                .credentials(LocalAws.dummyCredentials())
                .timeouts(PATIENT)
                .build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        WorkerTestBed bed =
                new WorkerTestBed(clients.dynamoDb(), clients.sqs(), "debts-" + suffix, "commands-" + suffix);
        bed.createTables();
        return bed;
    }

    private void createTables() {
        try {
            createTablesOnce();
        } catch (ResourceInUseException createdByAnEarlierAttempt) {
            // the names are unique to this run: only our own first (timed-out) attempt can have made them
        }
    }

    private void createTablesOnce() {
        WorkerTestBed bed = this;
        dynamoDb.createTable(request -> request.tableName(bed.debtsTable)
                .keySchema(key("userId", KeyType.HASH), key("debtId", KeyType.RANGE))
                .attributeDefinitions(text("userId"), text("debtId"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(
                        stream -> stream.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        dynamoDb.createTable(request -> request.tableName(bed.commandsTable)
                .keySchema(key("userId", KeyType.HASH), key("commandId", KeyType.RANGE))
                .attributeDefinitions(text("userId"), text("commandId"))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        dynamoDb.updateTimeToLive(request -> request.tableName(bed.commandsTable)
                .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName("expiresAt")));
    }

    /** A fresh FIFO queue pair with the redrive policy of {@code template.yaml}. */
    public FifoQueues newQueues(LocalSqs localSqs) {
        String name = "commands-" + UUID.randomUUID().toString().substring(0, 8);
        return localSqs.createFifoQueueWithDeadLetterQueue(
                name + ".fifo", name + "-dlq.fifo", MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_SECONDS);
    }

    /** The production wiring of the worker against these tables, with {@code faults} around its stores. */
    public CommandWorker worker(FifoQueues queues, FaultInjector faults) {
        return new CommandWorker(
                new CommandApplier(
                        faults.debts(new DynamoDbDebtStore(dynamoDb, debtsTable)),
                        faults.statuses(new DynamoDbCommandStatusStore(dynamoDb, commandsTable, Clock.systemUTC()))),
                new SqsDeadLetterQueue(sqs, queues.deadLetterQueueUrl()));
    }

    /** The production wiring with batch units: each batch tried as one transaction first (ADR 0117). */
    public CommandWorker worker(FifoQueues queues, FaultInjector faults, BatchUnits units) {
        return new CommandWorker(
                new CommandApplier(
                        faults.debts(new DynamoDbDebtStore(dynamoDb, debtsTable)),
                        faults.statuses(new DynamoDbCommandStatusStore(dynamoDb, commandsTable, Clock.systemUTC()))),
                new SqsDeadLetterQueue(sqs, queues.deadLetterQueueUrl()),
                units);
    }

    /** Batch units on these tables. */
    public DynamoDbBatchUnits batchUnits() {
        return new DynamoDbBatchUnits(
                dynamoDb,
                new DynamoDbDebtStore(dynamoDb, debtsTable),
                new DynamoDbCommandStatusStore(dynamoDb, commandsTable, Clock.systemUTC()));
    }

    /** Sends {@code command} as the API does: group = user, deduplication id = command id. */
    public String send(FifoQueues queues, CommandEnvelope command) {
        return send(queues, command, command.commandId());
    }

    /** Sends {@code command} with another deduplication id (a second send SQS itself would not drop). */
    public String send(FifoQueues queues, CommandEnvelope command, String deduplicationId) {
        return sqs.sendMessage(request -> request.queueUrl(queues.queueUrl())
                        .messageBody(command.toJson())
                        .messageGroupId(command.userId())
                        .messageDeduplicationId(deduplicationId)
                        .messageAttributes(Map.of(
                                "commandType",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue(command.type().name())
                                        .build())))
                .messageId();
    }

    /** Sends a raw body (poison) to the queue in {@code group}. */
    public void sendRaw(FifoQueues queues, String body, String group) {
        sqs.sendMessage(request -> request.queueUrl(queues.queueUrl())
                .messageBody(body)
                .messageGroupId(group)
                .messageDeduplicationId(UUID.randomUUID().toString()));
    }

    public Optional<Debt> debt(String userId, String debtId) {
        return new DynamoDbDebtStore(dynamoDb, debtsTable).find(userId, debtId);
    }

    /** The command status item as stored. */
    public Map<String, AttributeValue> status(String userId, String commandId) {
        return dynamoDb.getItem(request -> request.tableName(commandsTable)
                        .consistentRead(true)
                        .key(Map.of(
                                "userId", AttributeValue.fromS(userId), "commandId", AttributeValue.fromS(commandId))))
                .item();
    }

    /** Everything in the dead-letter queue now (received with visibility timeout 0: it stays visible, and is not deleted). */
    public List<Message> deadLetters(FifoQueues queues) {
        return sqs.receiveMessage(request -> request.queueUrl(queues.deadLetterQueueUrl())
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .visibilityTimeout(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    /**
     * Moves every message of the dead-letter queue back to the main queue as an operator's replay does:
     * same body, group and attributes, a new deduplication id (the original one may still be inside
     * the queue's 5-minute deduplication window), so SQS gives it a new message id.
     * (Written when ElasticMQ 1.7.1's {@code StartMessageMoveTask} completed without moving FIFO messages.)
     *
     * @return how many were moved
     */
    public int redriveDeadLetters(FifoQueues queues) {
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queues.deadLetterQueueUrl())
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
        for (Message message : messages) {
            sqs.sendMessage(request -> request.queueUrl(queues.queueUrl())
                    .messageBody(message.body())
                    .messageGroupId(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .messageDeduplicationId("replay-" + message.messageId())
                    .messageAttributes(message.messageAttributes()));
            sqs.deleteMessage(
                    request -> request.queueUrl(queues.deadLetterQueueUrl()).receiptHandle(message.receiptHandle()));
        }
        return messages.size();
    }

    public String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(
                        request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition text(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }
}
