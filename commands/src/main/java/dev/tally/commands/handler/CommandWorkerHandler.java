package dev.tally.commands.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tally.commands.CommandWorker;
import dev.tally.commands.CommandWorkers;
import dev.tally.commands.QueuedMessage;
import dev.tally.commands.store.DynamoDbDebtStore;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.WorkerConfig;
import dev.tally.common.observability.InitTrace;
import dev.tally.common.observability.TraceAnnotations;
import dev.tally.common.snapstart.Priming;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandEnvelope;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * {@code CommandWorkerFunction}: applies the commands of an SQS FIFO batch and reports the messages to
 * retry ({@code ReportBatchItemFailures}). Thin: converts the event, calls the {@link CommandWorker}.
 */
public final class CommandWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final CommandWorker worker;

    /** What Lambda calls: the worker built once per container from the environment. */
    public CommandWorkerHandler() {
        this(Container.WORKER);
    }

    CommandWorkerHandler(CommandWorker worker) {
        this.worker = worker;
    }

    @Override
    @Logging(clearState = true)
    @Tracing
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        TraceAnnotations.invocation(context);
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<String> failed = worker.process(
                records.stream().map(CommandWorkerHandler::toQueuedMessage).toList());
        return new SQSBatchResponse(
                failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    private static QueuedMessage toQueuedMessage(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = record.getAttributes() == null ? Map.of() : record.getAttributes();
        return new QueuedMessage(
                record.getMessageId(),
                attributes.get("MessageGroupId"),
                record.getBody(),
                receiveCount(attributes.get("ApproximateReceiveCount")),
                replayOf(record));
    }

    private static String replayOf(SQSEvent.SQSMessage record) {
        Map<String, SQSEvent.MessageAttribute> attributes = record.getMessageAttributes();
        SQSEvent.MessageAttribute replayOf =
                attributes == null ? null : attributes.get(QueuedMessage.REPLAY_OF_ATTRIBUTE);
        return replayOf == null ? null : replayOf.getStringValue();
    }

    private static int receiveCount(String attribute) {
        try {
            return attribute == null ? 1 : Integer.parseInt(attribute);
        } catch (NumberFormatException notANumber) {
            return 1; // only used in log lines: never worth failing a batch over
        }
    }

    /**
     * The once-per-container worker, each init step timed as a subsegment, and its priming; a holder
     * class so tests constructing the handler do not build it.
     */
    private static final class Container {
        static final WorkerConfig CONFIG = InitTrace.step("config", WorkerConfig::fromEnvironment);
        static final AwsClients AWS = AwsClients.fromEnvironment();
        static final DynamoDbClient DYNAMODB = InitTrace.step("DynamoDbClient", AWS::dynamoDb);
        static final SqsClient SQS = InitTrace.step("SqsClient", AWS::sqs);
        static final CommandWorker WORKER = CommandWorkers.create(CONFIG, DYNAMODB, SQS, Clock.systemUTC());
        static final Priming PRIMING = Priming.register("CommandWorkerFunction", Container::prime, () -> {});

        /** Writes nothing: a command envelope parsed, a debt that cannot exist read, the DLQ's attributes read. */
        private static void prime() {
            String body =
                    "{\"commandId\":\"priming\",\"type\":\"CREATE_DEBT\",\"schemaVersion\":1,\"userId\":\"priming\","
                            + "\"issuedAt\":\"2026-01-01T00:00:00Z\",\"payload\":{\"debtId\":\"priming\",\"counterparty\":{\"name\":\"P\"},"
                            + "\"direction\":\"OWED_TO_ME\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}}";
            try {
                TallyJson.MAPPER.readValue(body, CommandEnvelope.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            new DynamoDbDebtStore(DYNAMODB, CONFIG.debtsTable()).find("priming-user-that-cannot-exist", "priming");
            SQS.getQueueAttributes(
                    request -> request.queueUrl(CONFIG.deadLetterQueueUrl().toString())
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }
}
