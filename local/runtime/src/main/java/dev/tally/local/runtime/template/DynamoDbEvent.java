package dev.tally.local.runtime.template;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code DynamoDB} event: a stream event source mapping from a table's stream to the function.
 * The integer settings use AWS's defaults when absent ({@code -1} means unbounded).
 *
 * @param name                           the event's key
 * @param stream                         the {@code Stream} ARN expression (usually {@code !GetAtt T.StreamArn})
 * @param startingPosition               {@code TRIM_HORIZON}, {@code LATEST} or {@code AT_TIMESTAMP}
 * @param batchSize                      {@code BatchSize} (default 100)
 * @param maximumBatchingWindowInSeconds {@code MaximumBatchingWindowInSeconds} (default 0)
 * @param bisectBatchOnFunctionError     {@code BisectBatchOnFunctionError} (default false)
 * @param maximumRetryAttempts           {@code MaximumRetryAttempts} (default -1: until the record expires)
 * @param maximumRecordAgeInSeconds      {@code MaximumRecordAgeInSeconds} (default -1: no limit)
 * @param parallelizationFactor          {@code ParallelizationFactor} (default 1)
 * @param functionResponseTypes          {@code FunctionResponseTypes}
 * @param onFailure                      {@code DestinationConfig.OnFailure}, when present
 * @param enabled                        {@code Enabled} (default true)
 * @param properties                     the event's properties as written
 */
public record DynamoDbEvent(
        String name,
        TemplateValue stream,
        String startingPosition,
        int batchSize,
        int maximumBatchingWindowInSeconds,
        boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts,
        int maximumRecordAgeInSeconds,
        int parallelizationFactor,
        List<String> functionResponseTypes,
        Optional<FailureDestination> onFailure,
        boolean enabled,
        TemplateMap properties)
        implements EventSource {

    static final Set<String> PROPERTIES = Set.of(
            "Stream",
            "StartingPosition",
            "StartingPositionTimestamp",
            "BatchSize",
            "BisectBatchOnFunctionError",
            "DestinationConfig",
            "Enabled",
            "FilterCriteria",
            "FunctionResponseTypes",
            "KmsKeyArn",
            "MaximumBatchingWindowInSeconds",
            "MaximumRecordAgeInSeconds",
            "MaximumRetryAttempts",
            "MetricsConfig",
            "ParallelizationFactor",
            "TumblingWindowInSeconds");

    /** Copies the response types. */
    public DynamoDbEvent {
        functionResponseTypes = List.copyOf(functionResponseTypes);
    }

    /** Whether the function reports partial batch failures. */
    public boolean reportsBatchItemFailures() {
        return functionResponseTypes.contains("ReportBatchItemFailures");
    }

    static DynamoDbEvent read(String name, Properties properties) {
        properties.allowOnly(PROPERTIES, "a DynamoDB event");
        String startingPosition = properties.requiredString("StartingPosition");
        if (!Set.of("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP").contains(startingPosition)) {
            throw new TemplateSyntaxException(
                    properties.pathOf("StartingPosition"),
                    "expected TRIM_HORIZON, LATEST or AT_TIMESTAMP, found '" + startingPosition + "'");
        }
        Optional<FailureDestination> onFailure = properties
                .optionalNested("DestinationConfig")
                .map(config -> config.allowOnly(Set.of("OnFailure"), "DestinationConfig")
                        .nested("OnFailure"))
                .map(FailureDestination::read);
        return new DynamoDbEvent(
                name,
                properties.requiredValue("Stream"),
                startingPosition,
                properties.integer("BatchSize", 100),
                properties.integer("MaximumBatchingWindowInSeconds", 0),
                properties.bool("BisectBatchOnFunctionError", false),
                properties.integer("MaximumRetryAttempts", -1),
                properties.integer("MaximumRecordAgeInSeconds", -1),
                properties.integer("ParallelizationFactor", 1),
                properties.stringList("FunctionResponseTypes"),
                onFailure,
                properties.bool("Enabled", true),
                properties.map());
    }
}
