package dev.tally.local.runtime.stack;

import dev.tally.local.runtime.template.DynamoDbEvent;
import dev.tally.local.runtime.template.FunctionDefinition;
import dev.tally.local.runtime.template.Resource;
import dev.tally.local.runtime.template.SamTemplate;
import dev.tally.local.runtime.template.SqsEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a template the local runtime runs, what it accepts without local effect, and what stops
 * the start (docs/adr/0051-unsupported-template-features.md). Nothing is silently ignored: inert
 * parts are listed at start, unsupported parts fail with their template path.
 */
public final class LocalSupport {

    /** Resource types the runtime creates and runs. */
    static final Set<String> RUN = Set.of(
            "AWS::Serverless::Function",
            "AWS::Serverless::HttpApi",
            "AWS::DynamoDB::Table",
            "AWS::SQS::Queue",
            "AWS::SecretsManager::Secret");
    /** Resource types that have no behaviour the local stack could show (monitoring, log storage). */
    static final Set<String> INERT = Set.of("AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm", "AWS::SNS::Topic");

    /** Properties run locally, per type; the rest of each map is inert (named in the notes). */
    private static final Map<String, Set<String>> RUN_PROPERTIES = Map.of(
            "AWS::Serverless::Function",
                    Set.of(
                            "Handler",
                            "CodeUri",
                            "Runtime",
                            "MemorySize",
                            "Timeout",
                            "Environment",
                            "Events",
                            "Tracing",
                            "Description",
                            "LoggingConfig"),
            "AWS::DynamoDB::Table",
                    Set.of(
                            "TableName",
                            "BillingMode",
                            "AttributeDefinitions",
                            "KeySchema",
                            "StreamSpecification",
                            "TimeToLiveSpecification",
                            "GlobalSecondaryIndexes",
                            "LocalSecondaryIndexes"),
            "AWS::SQS::Queue",
                    Set.of(
                            "QueueName",
                            "FifoQueue",
                            "ContentBasedDeduplication",
                            "VisibilityTimeout",
                            "MessageRetentionPeriod",
                            "DelaySeconds",
                            "ReceiveMessageWaitTimeSeconds",
                            "RedrivePolicy"),
            "AWS::SecretsManager::Secret", Set.of("Name", "SecretString", "GenerateSecretString", "Description"),
            "AWS::Serverless::HttpApi", Set.of("Description"));
    /** Properties accepted without local effect (IAM is not enforced, deployment and capacity settings do not apply). */
    private static final Map<String, Set<String>> INERT_PROPERTIES = Map.of(
            "AWS::Serverless::Function",
                    Set.of(
                            "Policies",
                            "Role",
                            "AutoPublishAlias",
                            "SnapStart",
                            "Architectures",
                            "Tags",
                            "FunctionName",
                            "ReservedConcurrentExecutions"),
            "AWS::DynamoDB::Table",
                    Set.of(
                            "PointInTimeRecoverySpecification",
                            "SSESpecification",
                            "Tags",
                            "ProvisionedThroughput",
                            "DeletionProtectionEnabled"),
            "AWS::SQS::Queue",
                    Set.of(
                            "SqsManagedSseEnabled",
                            "DeduplicationScope",
                            "FifoThroughputLimit",
                            "Tags",
                            "MaximumMessageSize",
                            "KmsMasterKeyId"),
            "AWS::SecretsManager::Secret", Set.of("Tags", "KmsKeyId"),
            "AWS::Serverless::HttpApi",
                    Set.of("FailOnWarnings", "DefaultRouteSettings", "Tags", "StageName", "AccessLogSettings"));

    private LocalSupport() {}

    /** The result of the check: unsupported parts (fatal) and inert parts (listed). */
    public record Verdict(List<String> unsupported, List<String> inert) {}

    public static Verdict check(SamTemplate template) {
        List<String> unsupported = new ArrayList<>();
        List<String> inert = new ArrayList<>();
        for (Resource resource : template.resources().values()) {
            String where = "Resources." + resource.logicalId();
            if (INERT.contains(resource.type())) {
                inert.add(where + " (" + resource.type() + ": no local effect)");
                continue;
            }
            if (!RUN.contains(resource.type())) {
                unsupported.add(
                        where + ": resource type " + resource.type() + " is not supported by the local runtime");
                continue;
            }
            Set<String> run = RUN_PROPERTIES.get(resource.type());
            Set<String> accepted = INERT_PROPERTIES.get(resource.type());
            for (String property : resource.properties().keys()) {
                if (accepted.contains(property)) {
                    inert.add(where + ".Properties." + property + " (not enforced locally)");
                } else if (!run.contains(property)) {
                    unsupported.add(where + ".Properties." + property + ": not supported by the local runtime");
                }
            }
        }
        for (FunctionDefinition function : template.functions()) {
            checkEvents(function, unsupported);
        }
        return new Verdict(List.copyOf(unsupported), List.copyOf(inert));
    }

    /**
     * The inert parts grouped for the console, one line per property or resource type:
     * {@code Policies (not enforced locally): AuthFunction, QueryFunction}.
     */
    public static List<String> summarize(List<String> inert) {
        Map<String, List<String>> byKind = new java.util.LinkedHashMap<>();
        for (String note : inert) {
            // "Resources.<Id>[.Properties.<Property>] (<why>)"
            String path = note.substring("Resources.".length(), note.indexOf(' '));
            String why = note.substring(note.indexOf(' ') + 1);
            int properties = path.indexOf(".Properties.");
            String id = properties < 0 ? path : path.substring(0, properties);
            String kind = properties < 0
                    ? why.substring(1, why.length() - 1)
                    : path.substring(properties + ".Properties.".length()) + " " + why;
            byKind.computeIfAbsent(kind, key -> new ArrayList<>()).add(id);
        }
        List<String> lines = new ArrayList<>();
        byKind.forEach((kind, ids) -> lines.add(kind + ": " + String.join(", ", ids)));
        return lines;
    }

    private static void checkEvents(FunctionDefinition function, List<String> unsupported) {
        String where = "Resources." + function.logicalId() + ".Properties.Events.";
        for (SqsEvent event : function.eventsOf(SqsEvent.class)) {
            for (String property : event.properties().keys()) {
                if (Set.of("FilterCriteria", "KmsKeyArn", "MetricsConfig").contains(property)) {
                    unsupported.add(
                            where + event.name() + ".Properties." + property + ": not supported by the local runtime");
                }
            }
        }
        for (DynamoDbEvent event : function.eventsOf(DynamoDbEvent.class)) {
            for (String property : event.properties().keys()) {
                if (Set.of(
                                "FilterCriteria",
                                "TumblingWindowInSeconds",
                                "StartingPositionTimestamp",
                                "KmsKeyArn",
                                "MetricsConfig")
                        .contains(property)) {
                    unsupported.add(
                            where + event.name() + ".Properties." + property + ": not supported by the local runtime");
                }
            }
            if (event.parallelizationFactor() != 1) {
                unsupported.add(
                        where + event.name() + ".Properties.ParallelizationFactor: only 1 is supported locally, was "
                                + event.parallelizationFactor());
            }
            if (event.onFailure().isPresent()
                    && event.onFailure()
                            .get()
                            .type()
                            .filter(type -> !type.equals("SQS"))
                            .isPresent()) {
                unsupported.add(
                        where + event.name() + ".Properties.DestinationConfig.OnFailure.Type: only SQS destinations"
                                + " are supported locally");
            }
        }
    }
}
