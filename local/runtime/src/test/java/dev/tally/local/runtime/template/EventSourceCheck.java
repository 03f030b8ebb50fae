package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the event source settings docs/ARCHITECTURE.md ("The AWS shape") requires:
 * <ul>
 *   <li>SQS: the queue is a template queue with a redrive policy (maxReceiveCount 5, to a FIFO DLQ
 *       when the queue is FIFO), {@code BatchSize} 10, {@code ReportBatchItemFailures}, no batching
 *       window on FIFO, content-based deduplication off (the deduplication id is the command id),
 *       and a visibility timeout of at least 6 × the function's timeout;</li>
 *   <li>DynamoDB streams: the stream of a template table with {@code NEW_AND_OLD_IMAGES},
 *       {@code TRIM_HORIZON}, {@code BisectBatchOnFunctionError}, bounded {@code MaximumRetryAttempts}
 *       and {@code MaximumRecordAgeInSeconds}, {@code ReportBatchItemFailures}, and an on-failure
 *       destination that is a template queue.</li>
 * </ul>
 */
final class EventSourceCheck {

    static final int REQUIRED_MAX_RECEIVE_COUNT = 5;
    static final int VISIBILITY_TIMEOUT_FACTOR = 6;

    List<TemplateViolation> check(SamTemplate template) {
        List<TemplateViolation> violations = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            String events = "Resources." + function.logicalId() + ".Properties.Events.";
            for (SqsEvent event : function.eventsOf(SqsEvent.class)) {
                checkSqs(template, function, event, events + event.name() + ".Properties", violations);
            }
            for (DynamoDbEvent event : function.eventsOf(DynamoDbEvent.class)) {
                checkStream(template, event, events + event.name() + ".Properties", violations);
            }
        }
        return violations;
    }

    private static void checkSqs(
            SamTemplate template,
            FunctionDefinition function,
            SqsEvent event,
            String path,
            List<TemplateViolation> violations) {
        if (!event.reportsBatchItemFailures()) {
            violations.add(new TemplateViolation(
                    path + ".FunctionResponseTypes",
                    "must include ReportBatchItemFailures (the handler returns SQSBatchResponse)"));
        }
        if (event.batchSize() != 10) {
            violations.add(new TemplateViolation(path + ".BatchSize", "must be 10, found " + event.batchSize()));
        }
        Optional<QueueDefinition> queue = queueByArn(template, event.queue());
        if (queue.isEmpty()) {
            violations.add(new TemplateViolation(
                    path + ".Queue", "must be !GetAtt <queue>.Arn of an AWS::SQS::Queue in this template"));
            return;
        }
        QueueDefinition source = queue.get();
        String queuePath = "Resources." + source.logicalId() + ".Properties";
        if (source.fifo() && event.maximumBatchingWindowInSeconds() > 0) {
            violations.add(
                    new TemplateViolation(path + ".MaximumBatchingWindowInSeconds", "not allowed on a FIFO queue"));
        }
        if (source.fifo() && source.contentBasedDeduplication()) {
            violations.add(new TemplateViolation(
                    queuePath + ".ContentBasedDeduplication",
                    "must be false: the deduplication id is the command id, set by the sender"));
        }
        int minimumVisibility = VISIBILITY_TIMEOUT_FACTOR * function.timeoutSeconds();
        if (source.visibilityTimeoutSeconds() < minimumVisibility) {
            violations.add(new TemplateViolation(
                    queuePath + ".VisibilityTimeout",
                    "is " + source.visibilityTimeoutSeconds()
                            + " s, less than " + VISIBILITY_TIMEOUT_FACTOR + " × the timeout of " + function.logicalId()
                            + " (" + function.timeoutSeconds() + " s) = " + minimumVisibility + " s"));
        }
        if (source.redrivePolicy().isEmpty()) {
            violations.add(new TemplateViolation(
                    queuePath + ".RedrivePolicy", "missing: failed messages need a dead-letter queue"));
            return;
        }
        RedrivePolicy redrive = source.redrivePolicy().get();
        if (redrive.maxReceiveCount() != REQUIRED_MAX_RECEIVE_COUNT) {
            violations.add(new TemplateViolation(
                    queuePath + ".RedrivePolicy.maxReceiveCount",
                    "must be " + REQUIRED_MAX_RECEIVE_COUNT + ", found " + redrive.maxReceiveCount()));
        }
        Optional<QueueDefinition> deadLetter = queueByArn(template, redrive.deadLetterTargetArn());
        if (deadLetter.isEmpty()) {
            violations.add(new TemplateViolation(
                    queuePath + ".RedrivePolicy.deadLetterTargetArn",
                    "must be !GetAtt <queue>.Arn of an AWS::SQS::Queue in this template"));
        } else if (deadLetter.get().fifo() != source.fifo()) {
            violations.add(new TemplateViolation(
                    queuePath + ".RedrivePolicy.deadLetterTargetArn",
                    "the dead-letter queue of a " + (source.fifo() ? "FIFO" : "standard") + " queue must be one too"));
        }
    }

    private static void checkStream(
            SamTemplate template, DynamoDbEvent event, String path, List<TemplateViolation> violations) {
        Optional<TableDefinition> table = tableByStreamArn(template, event.stream());
        if (table.isEmpty()) {
            violations.add(new TemplateViolation(
                    path + ".Stream", "must be !GetAtt <table>.StreamArn of an AWS::DynamoDB::Table in this template"));
        } else if (!table.get().streamViewType().equals(Optional.of("NEW_AND_OLD_IMAGES"))) {
            violations.add(new TemplateViolation(
                    "Resources." + table.get().logicalId() + ".Properties.StreamSpecification",
                    "must have StreamViewType NEW_AND_OLD_IMAGES"));
        }
        if (!event.startingPosition().equals("TRIM_HORIZON")) {
            violations.add(new TemplateViolation(
                    path + ".StartingPosition", "must be TRIM_HORIZON, found " + event.startingPosition()));
        }
        if (!event.bisectBatchOnFunctionError()) {
            violations.add(new TemplateViolation(path + ".BisectBatchOnFunctionError", "must be true"));
        }
        if (event.maximumRetryAttempts() < 0 || event.maximumRetryAttempts() > 10_000) {
            violations.add(new TemplateViolation(
                    path + ".MaximumRetryAttempts",
                    "must be set and bounded (0..10000), found " + event.maximumRetryAttempts()));
        }
        if (event.maximumRecordAgeInSeconds() < 60 || event.maximumRecordAgeInSeconds() > 604_800) {
            violations.add(new TemplateViolation(
                    path + ".MaximumRecordAgeInSeconds",
                    "must be set and bounded (60..604800), found " + event.maximumRecordAgeInSeconds()));
        }
        if (!event.reportsBatchItemFailures()) {
            violations.add(new TemplateViolation(
                    path + ".FunctionResponseTypes",
                    "must include ReportBatchItemFailures (the handler returns StreamsEventResponse)"));
        }
        if (event.onFailure().isEmpty()) {
            violations.add(new TemplateViolation(
                    path + ".DestinationConfig.OnFailure",
                    "missing: records that exhaust their retries need a destination"));
        } else if (queueByArn(template, event.onFailure().get().destination()).isEmpty()) {
            violations.add(new TemplateViolation(
                    path + ".DestinationConfig.OnFailure.Destination",
                    "must be !GetAtt <queue>.Arn of an AWS::SQS::Queue in this template"));
        }
    }

    static Optional<QueueDefinition> queueByArn(SamTemplate template, TemplateValue arn) {
        return getAttTarget(arn, "Arn")
                .flatMap(id -> template.queues().stream()
                        .filter(q -> q.logicalId().equals(id))
                        .findFirst());
    }

    private static Optional<TableDefinition> tableByStreamArn(SamTemplate template, TemplateValue arn) {
        return getAttTarget(arn, "StreamArn")
                .flatMap(id -> template.tables().stream()
                        .filter(t -> t.logicalId().equals(id))
                        .findFirst());
    }

    /** The logical id of {@code !GetAtt <id>.<attribute>}. */
    static Optional<String> getAttTarget(TemplateValue value, String attribute) {
        if (value instanceof Intrinsic intrinsic
                && intrinsic.function() == IntrinsicFunction.GET_ATT
                && intrinsic.argument() instanceof TemplateList list
                && list.size() == 2
                && list.get(1).equals(TemplateScalar.of(attribute))) {
            return intrinsic.referencedLogicalId();
        }
        return Optional.empty();
    }
}
