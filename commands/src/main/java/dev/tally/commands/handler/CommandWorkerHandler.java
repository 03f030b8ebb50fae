package dev.tally.commands.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tally.commands.CommandWorker;
import dev.tally.commands.QueuedMessage;
import dev.tally.commands.WorkerObservation;
import dev.tally.common.observability.TraceAnnotations;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * {@code CommandWorkerFunction}: applies the commands of an SQS FIFO batch and reports the messages to
 * retry ({@code ReportBatchItemFailures}). Thin: converts the event, calls the {@link CommandWorker}
 * with the Powertools observation of its steps (log keys, trace subsegments: ADR 0168).
 */
public final class CommandWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final WorkerObservation OBSERVATION = new PowertoolsWorkerObservation();

    private final CommandWorker worker;

    /** What Lambda calls: the worker built once per container from the environment. */
    public CommandWorkerHandler() {
        this(CommandWorkerFunction.WORKER);
    }

    CommandWorkerHandler(CommandWorker worker) {
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    @Override
    @Logging(clearState = true)
    @Tracing
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        TraceAnnotations.invocation(context);
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<String> failed = worker.process(
                records.stream().map(CommandWorkerHandler::toQueuedMessage).toList(), OBSERVATION);
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
}
