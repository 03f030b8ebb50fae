package dev.tally.local.runtime.stack;

import dev.tally.local.runtime.secrets.LocalSecretsManager;
import dev.tally.local.runtime.secrets.SecretStore;
import dev.tally.local.runtime.template.IndexDefinition;
import dev.tally.local.runtime.template.IntrinsicResolver;
import dev.tally.local.runtime.template.KeyAttribute;
import dev.tally.local.runtime.template.QueueDefinition;
import dev.tally.local.runtime.template.ResolutionContext;
import dev.tally.local.runtime.template.SamTemplate;
import dev.tally.local.runtime.template.SecretDefinition;
import dev.tally.local.runtime.template.TableDefinition;
import dev.tally.local.runtime.template.UnresolvedReferenceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what the template declares — tables (keys, indexes, stream, TTL), queues (FIFO, redrive,
 * visibility), secrets — and collects each resource's {@code Ref} and {@code Fn::GetAtt} values, so
 * the functions' environments resolve to local names, URLs and ARNs. Existing tables (a persisted
 * data directory) are kept.
 */
final class ResourceProvisioner {

    private final SamTemplate template;
    private final String stackName;
    private final String region;
    private final String accountId;
    private ResolutionContext context;
    private final Map<String, String> queueUrlsByArn = new HashMap<>();

    ResourceProvisioner(
            SamTemplate template, ResolutionContext base, String stackName, String region, String accountId) {
        this.template = template;
        this.context = base;
        this.stackName = stackName;
        this.region = region;
        this.accountId = accountId;
    }

    ResolutionContext context() {
        return context;
    }

    Map<String, String> queueUrlsByArn() {
        return Map.copyOf(queueUrlsByArn);
    }

    private IntrinsicResolver resolver() {
        return new IntrinsicResolver(template, context);
    }

    /** Creates (or finds) every table; returns name → description lines for the console. */
    List<String> tables(DynamoDbClient dynamoDb) {
        List<String> created = new ArrayList<>();
        for (TableDefinition table : template.tables()) {
            String name = table.tableName()
                    .map(v -> resolver().resolveString(v, "Resources." + table.logicalId() + ".Properties.TableName"))
                    .orElse(stackName + "-" + table.logicalId());
            TableDescription description;
            try {
                description = dynamoDb.describeTable(r -> r.tableName(name)).table();
            } catch (ResourceNotFoundException e) {
                description = create(dynamoDb, table, name);
            }
            if (table.timeToLiveAttribute().isPresent()) {
                var ttl = dynamoDb.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
                if (ttl.timeToLiveStatus() != TimeToLiveStatus.ENABLED) {
                    dynamoDb.updateTimeToLive(r -> r.tableName(name)
                            .timeToLiveSpecification(s -> s.enabled(true)
                                    .attributeName(table.timeToLiveAttribute().get())));
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("Arn", "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name);
            if (description.latestStreamArn() != null) {
                attributes.put("StreamArn", description.latestStreamArn());
            }
            context = context.withResource(table.logicalId(), name, attributes);
            created.add(name
                    + (description.latestStreamArn() != null ? " (stream)" : "")
                    + table.timeToLiveAttribute().map(a -> " (TTL " + a + ")").orElse(""));
        }
        return created;
    }

    private static TableDescription create(DynamoDbClient dynamoDb, TableDefinition table, String name) {
        Map<String, AttributeDefinition> definitions = new LinkedHashMap<>();
        List<KeySchemaElement> keys = keySchema(table.partitionKey(), table.sortKey(), definitions);
        List<GlobalSecondaryIndex> globals = new ArrayList<>();
        for (IndexDefinition index : table.globalSecondaryIndexes()) {
            globals.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey(), definitions))
                    .projection(projection(index))
                    .build());
        }
        List<LocalSecondaryIndex> locals = new ArrayList<>();
        for (IndexDefinition index : table.localSecondaryIndexes()) {
            locals.add(LocalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey(), definitions))
                    .projection(projection(index))
                    .build());
        }
        return dynamoDb.createTable(r -> {
                    r.tableName(name)
                            .billingMode("PAY_PER_REQUEST")
                            .attributeDefinitions(definitions.values())
                            .keySchema(keys);
                    if (!globals.isEmpty()) {
                        r.globalSecondaryIndexes(globals);
                    }
                    if (!locals.isEmpty()) {
                        r.localSecondaryIndexes(locals);
                    }
                    table.streamViewType()
                            .ifPresent(view -> r.streamSpecification(
                                    s -> s.streamEnabled(true).streamViewType(view)));
                })
                .tableDescription();
    }

    private static List<KeySchemaElement> keySchema(
            KeyAttribute partition, Optional<KeyAttribute> sort, Map<String, AttributeDefinition> definitions) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder()
                .attributeName(partition.name())
                .keyType("HASH")
                .build());
        definitions.putIfAbsent(
                partition.name(),
                AttributeDefinition.builder()
                        .attributeName(partition.name())
                        .attributeType(partition.type())
                        .build());
        sort.ifPresent(key -> {
            keys.add(KeySchemaElement.builder()
                    .attributeName(key.name())
                    .keyType("RANGE")
                    .build());
            definitions.putIfAbsent(
                    key.name(),
                    AttributeDefinition.builder()
                            .attributeName(key.name())
                            .attributeType(key.type())
                            .build());
        });
        return keys;
    }

    private static Projection projection(IndexDefinition index) {
        Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.nonKeyAttributes());
        }
        return projection.build();
    }

    /** Creates every queue, dead-letter queues before the queues that redrive to them. */
    List<String> queues(SqsClient sqs) {
        List<QueueDefinition> pending = new ArrayList<>(template.queues());
        List<String> created = new ArrayList<>();
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (QueueDefinition queue : List.copyOf(pending)) {
                Map<QueueAttributeName, String> attributes;
                try {
                    attributes = attributes(queue);
                } catch (UnresolvedReferenceException e) {
                    continue; // its dead-letter queue is not created yet
                }
                String name = queue.queueName()
                        .map(v ->
                                resolver().resolveString(v, "Resources." + queue.logicalId() + ".Properties.QueueName"))
                        .orElse(stackName + "-" + queue.logicalId() + (queue.fifo() ? ".fifo" : ""));
                String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes))
                        .queueUrl();
                String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN);
                queueUrlsByArn.put(arn, url);
                context = context.withResource(
                        queue.logicalId(), url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
                created.add(name
                        + queue.redrivePolicy()
                                .map(p -> " (redrive after " + p.maxReceiveCount() + ")")
                                .orElse(""));
                pending.remove(queue);
            }
            if (pending.size() == before) {
                throw new IllegalArgumentException("queues "
                        + pending.stream().map(QueueDefinition::logicalId).toList()
                        + " have a RedrivePolicy whose deadLetterTargetArn is not a queue of this template");
            }
        }
        return created;
    }

    private Map<QueueAttributeName, String> attributes(QueueDefinition queue) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(
                    QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    Boolean.toString(queue.contentBasedDeduplication()));
        }
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()));
        attributes.put(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(queue.messageRetentionPeriodSeconds()));
        attributes.put(QueueAttributeName.DELAY_SECONDS, Integer.toString(queue.delaySeconds()));
        attributes.put(
                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
                Integer.toString(queue.receiveMessageWaitTimeSeconds()));
        queue.redrivePolicy().ifPresent(policy -> {
            String target = resolver()
                    .resolveString(
                            policy.deadLetterTargetArn(),
                            "Resources." + queue.logicalId() + ".Properties.RedrivePolicy.deadLetterTargetArn");
            attributes.put(
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + target + "\",\"maxReceiveCount\":" + policy.maxReceiveCount()
                            + "}");
        });
        return attributes;
    }

    /** Registers every secret with the local Secrets Manager, generating values once. */
    List<String> secrets(SecretStore store, LocalSecretsManager manager) {
        List<String> created = new ArrayList<>();
        for (SecretDefinition secret : template.secrets()) {
            String name = secret.name()
                    .map(v -> resolver().resolveString(v, "Resources." + secret.logicalId() + ".Properties.Name"))
                    .orElse(secret.logicalId());
            String arn = "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + suffix(name);
            Optional<String> literal = secret.secretString()
                    .map(v -> resolver()
                            .resolveString(v, "Resources." + secret.logicalId() + ".Properties.SecretString"));
            store.valueOf(
                    arn, literal, secret.passwordLength(), secret.excludePunctuation(), secret.excludeCharacters());
            manager.register(arn, name);
            context = context.withResource(secret.logicalId(), arn, Map.of("Id", arn));
            created.add(name);
        }
        return created;
    }

    /** Records a resource that exists only as a name locally (functions, the HTTP API). */
    void register(String logicalId, String ref, Map<String, String> attributes) {
        context = context.withResource(logicalId, ref, attributes);
    }

    private static String suffix(String name) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int hash = name.hashCode() & 0x7fffffff;
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(alphabet.charAt(hash % alphabet.length()));
            hash = hash / alphabet.length() + 7919 * (i + 1);
        }
        return suffix.toString();
    }
}
