package dev.tally.ops.dlq;

import dev.tally.commands.CommandWorker;
import dev.tally.commands.CommandWorkers;
import dev.tally.commands.QueuedMessage;
import dev.tally.common.config.WorkerConfig;
import dev.tally.common.domain.Debt;
import dev.tally.common.store.DynamoDbDebtSource;
import dev.tally.common.testing.FifoQueues;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.LocalSqs;
import dev.tally.events.Money;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * A replay's surroundings on the local stack: embedded SQS FIFO queues (main + DLQ), the embedded
 * DynamoDB's {@code debts} and {@code commands} tables, and the real worker to apply what a replay
 * puts back on the main queue.
 */
final class ReplayStack {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final String TRACE_HEADER = "Root=1-6751a0b0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";

    final SqsClient sqs;
    final DynamoDbClient dynamoDb;
    final FifoQueues queues;
    final String debtsTable;
    final String commandsTable;
    private final CommandWorker worker;

    ReplayStack(LocalSqs localSqs, LocalDynamoDb localDynamoDb) {
        this.sqs = localSqs.client();
        this.dynamoDb = localDynamoDb.client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.queues = localSqs.createFifoQueueWithDeadLetterQueue(
                "commands-" + suffix + ".fifo", "commands-" + suffix + "-dlq.fifo", 5, 30);
        this.debtsTable = "debts-" + suffix;
        this.commandsTable = "commands-" + suffix;
        dynamoDb.createTable(request -> request.tableName(debtsTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"), string("debtId"))
                .keySchema(key("userId", KeyType.HASH), key("debtId", KeyType.RANGE)));
        dynamoDb.createTable(request -> request.tableName(commandsTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"), string("commandId"))
                .keySchema(key("userId", KeyType.HASH), key("commandId", KeyType.RANGE)));
        this.worker = CommandWorkers.create(
                new WorkerConfig(debtsTable, commandsTable, URI.create(queues.deadLetterQueueUrl())),
                dynamoDb,
                sqs,
                Clock.systemUTC());
    }

    static CommandEnvelope create(String commandId, String user, String debtId, long amount) {
        return CommandEnvelope.of(
                commandId,
                user,
                T0,
                null,
                new CreateDebt(
                        debtId,
                        new Counterparty("Alice", null),
                        Direction.OWED_TO_ME,
                        Money.of(amount, "EUR"),
                        null,
                        LocalDate.of(2026, 12, 1)));
    }

    static CommandEnvelope pay(String commandId, String user, String debtId, long amount) {
        return CommandEnvelope.of(
                commandId,
                user,
                T0.plusSeconds(60),
                null,
                new RecordPayment(debtId, Money.of(amount, "EUR"), T0.plusSeconds(60), null));
    }

    /** Puts {@code command} in the DLQ as the worker's redrive would leave it (group = user, trace header kept). */
    String deadLetter(CommandEnvelope command) {
        return sqs.sendMessage(request -> request.queueUrl(queues.deadLetterQueueUrl())
                        .messageBody(command.toJson())
                        .messageGroupId(command.userId())
                        .messageDeduplicationId(command.commandId())
                        .messageAttributes(
                                Map.of("commandType", text(command.type().name())))
                        .messageSystemAttributes(Map.of(
                                MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                                MessageSystemAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue(TRACE_HEADER)
                                        .build())))
                .messageId();
    }

    /** Puts a body that is not a command in the DLQ, as the worker moves poison. */
    String deadLetterUnparseable(String group) {
        return sqs.sendMessage(request -> request.queueUrl(queues.deadLetterQueueUrl())
                        .messageBody("not json")
                        .messageGroupId(group)
                        .messageDeduplicationId(UUID.randomUUID().toString())
                        .messageAttributes(Map.of("failureReason", text("MALFORMED_JSON"))))
                .messageId();
    }

    /** Records {@code status} for {@code command} in the commands table, as the API and worker do. */
    void status(CommandEnvelope command, String status) {
        dynamoDb.putItem(request -> request.tableName(commandsTable)
                .item(Map.of(
                        "userId",
                        AttributeValue.fromS(command.userId()),
                        "commandId",
                        AttributeValue.fromS(command.commandId()),
                        "status",
                        AttributeValue.fromS(status),
                        "type",
                        AttributeValue.fromS(command.type().name()))));
    }

    /** Receives and deletes everything in {@code queueUrl}, FIFO order within each group kept. */
    List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message message : batch) {
                all.add(message);
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** Everything in the DLQ, left there (received and made visible again). */
    List<Message> peekDeadLetters() {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(request -> request.queueUrl(queues.deadLetterQueueUrl())
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(20)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        for (Message message : all) {
            sqs.changeMessageVisibility(request -> request.queueUrl(queues.deadLetterQueueUrl())
                    .receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }
        return all;
    }

    /** Hands {@code messages} (received from the main queue) to the real worker, as Lambda's SQS event source would. */
    List<String> apply(List<Message> messages) {
        return worker.process(messages.stream()
                .map(message -> new QueuedMessage(
                        message.messageId(),
                        message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                        message.body(),
                        Integer.parseInt(message.attributes()
                                .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")),
                        message.messageAttributes().containsKey("replayOf")
                                ? message.messageAttributes().get("replayOf").stringValue()
                                : null))
                .toList());
    }

    String commandStatus(String user, String commandId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(commandsTable)
                        .consistentRead(true)
                        .key(Map.of(
                                "userId", AttributeValue.fromS(user), "commandId", AttributeValue.fromS(commandId))))
                .item();
        return item == null || item.isEmpty()
                ? null
                : item.get("status").s()
                        + (item.containsKey("reason") ? " " + item.get("reason").s() : "");
    }

    List<Debt> debtsOf(String user) {
        return new DynamoDbDebtSource(dynamoDb, debtsTable).debtsOf(user);
    }

    static List<String> bodiesOfGroup(List<Message> messages, String group) {
        return messages.stream()
                .filter(message -> group.equals(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)))
                .map(Message::body)
                .toList();
    }

    static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
