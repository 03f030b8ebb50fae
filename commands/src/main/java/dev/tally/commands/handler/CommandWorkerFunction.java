package dev.tally.commands.handler;

import dev.tally.commands.CommandWorker;
import dev.tally.commands.CommandWorkers;
import dev.tally.commands.store.DynamoDbDebtStore;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.WorkerConfig;
import dev.tally.common.observability.InitTrace;
import dev.tally.common.snapstart.Priming;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What {@code CommandWorkerFunction} builds once per container, at class initialisation (so before a
 * SnapStart snapshot), from the process environment, each step timed as an init subsegment, the
 * worker assembled by {@link CommandWorkers#create} (the module's wiring, ADR 0106); then its priming
 * is registered. Only the public constructor of {@link CommandWorkerHandler} touches this class, so
 * tests never need the environment.
 */
final class CommandWorkerFunction {

    static final WorkerConfig CONFIG = InitTrace.step("config", WorkerConfig::fromEnvironment);
    static final AwsClients AWS = AwsClients.fromEnvironment();
    static final DynamoDbClient DYNAMODB = InitTrace.step("DynamoDbClient", AWS::dynamoDb);
    static final SqsClient SQS = InitTrace.step("SqsClient", AWS::sqs);
    static final CommandWorker WORKER = CommandWorkers.create(CONFIG, DYNAMODB, SQS, Clock.systemUTC());
    static final Priming PRIMING = Priming.register("CommandWorkerFunction", CommandWorkerFunction::prime, () -> {});

    private CommandWorkerFunction() {}

    /** Writes nothing: a command envelope parsed, a debt that cannot exist read, the DLQ's attributes read. */
    private static void prime() {
        String body = "{\"commandId\":\"priming\",\"type\":\"CREATE_DEBT\",\"schemaVersion\":1,\"userId\":\"priming\","
                + "\"issuedAt\":\"2026-01-01T00:00:00Z\",\"payload\":{\"debtId\":\"priming\",\"counterparty\":{\"name\":\"P\"},"
                + "\"direction\":\"OWED_TO_ME\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}}";
        try {
            TallyJson.MAPPER.readValue(body, CommandEnvelope.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new DynamoDbDebtStore(DYNAMODB, CONFIG.debtsTable()).find("priming-user-that-cannot-exist", "priming");
        SQS.getQueueAttributes(
                request -> request.queueUrl(CONFIG.deadLetterQueueUrl().toString())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
