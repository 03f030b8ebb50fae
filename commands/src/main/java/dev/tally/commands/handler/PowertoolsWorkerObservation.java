package dev.tally.commands.handler;

import dev.tally.commands.QueuedMessage;
import dev.tally.commands.WorkerObservation;
import dev.tally.common.observability.TraceAnnotations;
import dev.tally.events.command.CommandEnvelope;
import java.util.function.BooleanSupplier;
import software.amazon.lambda.powertools.logging.LoggingUtils;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * The worker's observation through Powertools, at the edge (ADR 0168): a message's log lines carry
 * {@code messageId}, {@code replayOf} (a replayed dead letter, ADR 0130) and, once parsed,
 * {@code commandId} and {@code commandType}; the batch unit and each command get their own trace
 * subsegment ({@code ## apply batch}, {@code ## apply command}), a command's annotated with its
 * {@code CommandType} and {@code ReplayOf}.
 */
final class PowertoolsWorkerObservation implements WorkerObservation {

    private static final String[] MESSAGE_KEYS = {"messageId", "commandId", "commandType", "replayOf"};

    @Override
    @Tracing(segmentName = "## apply batch")
    public boolean batch(BooleanSupplier step) {
        return step.getAsBoolean();
    }

    @Override
    public boolean message(QueuedMessage message, CommandEnvelope command, BooleanSupplier step) {
        LoggingUtils.appendKey("messageId", message.messageId());
        if (message.replayOf() != null) {
            LoggingUtils.appendKey("replayOf", message.replayOf());
        }
        if (command != null) {
            LoggingUtils.appendKey("commandId", command.commandId());
        }
        try {
            return step.getAsBoolean();
        } finally {
            LoggingUtils.removeKeys(MESSAGE_KEYS);
        }
    }

    @Override
    @Tracing(segmentName = "## apply command")
    public boolean command(QueuedMessage message, CommandEnvelope command, BooleanSupplier step) {
        LoggingUtils.appendKey("commandId", command.commandId());
        TraceAnnotations.commandType(command.type().name());
        TraceAnnotations.replayOf(message.replayOf());
        return step.getAsBoolean();
    }
}
