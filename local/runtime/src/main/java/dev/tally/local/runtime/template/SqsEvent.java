package dev.tally.local.runtime.template;

import java.util.List;
import java.util.Set;

/**
 * An {@code SQS} event: an event source mapping from a queue to the function.
 *
 * @param name                           the event's key
 * @param queue                          the {@code Queue} ARN expression (usually {@code !GetAtt Q.Arn})
 * @param batchSize                      {@code BatchSize} (default 10)
 * @param maximumBatchingWindowInSeconds {@code MaximumBatchingWindowInSeconds} (default 0)
 * @param functionResponseTypes          {@code FunctionResponseTypes} (e.g. {@code ReportBatchItemFailures})
 * @param enabled                        {@code Enabled} (default true)
 * @param properties                     the event's properties as written
 */
public record SqsEvent(
        String name,
        TemplateValue queue,
        int batchSize,
        int maximumBatchingWindowInSeconds,
        List<String> functionResponseTypes,
        boolean enabled,
        TemplateMap properties)
        implements EventSource {

    static final Set<String> PROPERTIES = Set.of(
            "Queue",
            "BatchSize",
            "Enabled",
            "FilterCriteria",
            "FunctionResponseTypes",
            "KmsKeyArn",
            "MaximumBatchingWindowInSeconds",
            "MetricsConfig",
            "ScalingConfig");

    /** Copies the response types. */
    public SqsEvent {
        functionResponseTypes = List.copyOf(functionResponseTypes);
    }

    /** Whether the function reports partial batch failures. */
    public boolean reportsBatchItemFailures() {
        return functionResponseTypes.contains("ReportBatchItemFailures");
    }

    static SqsEvent read(String name, Properties properties) {
        properties.allowOnly(PROPERTIES, "an SQS event");
        return new SqsEvent(
                name,
                properties.requiredValue("Queue"),
                properties.integer("BatchSize", 10),
                properties.integer("MaximumBatchingWindowInSeconds", 0),
                properties.stringList("FunctionResponseTypes"),
                properties.bool("Enabled", true),
                properties.map());
    }
}
