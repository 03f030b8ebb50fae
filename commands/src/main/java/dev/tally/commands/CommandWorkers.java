package dev.tally.commands;

import dev.tally.commands.store.DynamoDbBatchUnits;
import dev.tally.commands.store.DynamoDbCommandStatusStore;
import dev.tally.commands.store.DynamoDbDebtStore;
import dev.tally.commands.store.SqsDeadLetterQueue;
import dev.tally.common.config.WorkerConfig;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Wires a {@link CommandWorker} to its DynamoDB tables and dead-letter queue: the function's one assembly point. */
public final class CommandWorkers {

    private CommandWorkers() {}

    /** The worker of {@code config}, talking through the given clients. */
    public static CommandWorker create(WorkerConfig config, DynamoDbClient dynamoDb, SqsClient sqs, Clock clock) {
        DynamoDbDebtStore debts = new DynamoDbDebtStore(dynamoDb, config.debtsTable());
        DynamoDbCommandStatusStore statuses = new DynamoDbCommandStatusStore(dynamoDb, config.commandsTable(), clock);
        return new CommandWorker(
                new CommandApplier(debts, statuses),
                new SqsDeadLetterQueue(sqs, config.deadLetterQueueUrl().toString()),
                new DynamoDbBatchUnits(dynamoDb, debts, statuses));
    }
}
