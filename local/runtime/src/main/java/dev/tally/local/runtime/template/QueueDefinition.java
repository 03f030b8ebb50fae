package dev.tally.local.runtime.template;

import java.util.Optional;

/**
 * An {@code AWS::SQS::Queue}, with SQS's defaults for what is not set.
 *
 * @param logicalId                     the queue's key in {@code Resources}
 * @param queueName                     the {@code QueueName} expression, when set
 * @param fifo                          {@code FifoQueue}
 * @param contentBasedDeduplication     {@code ContentBasedDeduplication}
 * @param visibilityTimeoutSeconds      {@code VisibilityTimeout} (default 30)
 * @param messageRetentionPeriodSeconds {@code MessageRetentionPeriod} (default 345600, four days)
 * @param delaySeconds                  {@code DelaySeconds} (default 0)
 * @param receiveMessageWaitTimeSeconds {@code ReceiveMessageWaitTimeSeconds} (default 0)
 * @param redrivePolicy                 {@code RedrivePolicy}, when set
 * @param properties                    all properties as written
 */
public record QueueDefinition(
        String logicalId,
        Optional<TemplateValue> queueName,
        boolean fifo,
        boolean contentBasedDeduplication,
        int visibilityTimeoutSeconds,
        int messageRetentionPeriodSeconds,
        int delaySeconds,
        int receiveMessageWaitTimeSeconds,
        Optional<RedrivePolicy> redrivePolicy,
        TemplateMap properties) {

    /** The resource type. */
    public static final String TYPE = "AWS::SQS::Queue";

    static QueueDefinition read(Resource resource) {
        Properties properties = new Properties(resource.properties(), resource.propertiesPath());
        Optional<RedrivePolicy> redrive = properties
                .value("RedrivePolicy")
                .map(value -> RedrivePolicy.read(Properties.of(
                        jsonIfText(value, properties.pathOf("RedrivePolicy")), properties.pathOf("RedrivePolicy"))));
        return new QueueDefinition(
                resource.logicalId(),
                properties.value("QueueName"),
                properties.bool("FifoQueue", false),
                properties.bool("ContentBasedDeduplication", false),
                properties.integer("VisibilityTimeout", 30),
                properties.integer("MessageRetentionPeriod", 345_600),
                properties.integer("DelaySeconds", 0),
                properties.integer("ReceiveMessageWaitTimeSeconds", 0),
                redrive,
                resource.properties());
    }

    /** CloudFormation accepts a JSON policy either as an object or as a JSON string. */
    private static TemplateValue jsonIfText(TemplateValue value, String path) {
        if (value instanceof TemplateScalar scalar && scalar.value() instanceof String text) {
            try {
                return TemplateReader.parseTree(text);
            } catch (TemplateException e) {
                throw new TemplateSyntaxException(path, "not a JSON object: " + e.getMessage(), e);
            }
        }
        return value;
    }
}
