package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::DynamoDB::Table}: what the local runtime needs to create it.
 *
 * @param logicalId              the table's key in {@code Resources}
 * @param tableName              the {@code TableName} expression, when set (often {@code !Sub "${AWS::StackName}-debts"})
 * @param partitionKey           the HASH key and its type
 * @param sortKey                the RANGE key, when present
 * @param streamViewType         {@code StreamSpecification.StreamViewType}, when the table has a stream
 * @param timeToLiveAttribute    {@code TimeToLiveSpecification.AttributeName}, when TTL is enabled
 * @param globalSecondaryIndexes {@code GlobalSecondaryIndexes}
 * @param localSecondaryIndexes  {@code LocalSecondaryIndexes}
 * @param properties             all properties as written
 */
public record TableDefinition(
        String logicalId,
        Optional<TemplateValue> tableName,
        KeyAttribute partitionKey,
        Optional<KeyAttribute> sortKey,
        Optional<String> streamViewType,
        Optional<String> timeToLiveAttribute,
        List<IndexDefinition> globalSecondaryIndexes,
        List<IndexDefinition> localSecondaryIndexes,
        TemplateMap properties) {

    /** The resource type. */
    public static final String TYPE = "AWS::DynamoDB::Table";

    /** Copies the index lists. */
    public TableDefinition {
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        localSecondaryIndexes = List.copyOf(localSecondaryIndexes);
    }

    static TableDefinition read(Resource resource) {
        Properties properties = new Properties(resource.properties(), resource.propertiesPath());
        Map<String, String> attributeTypes = new HashMap<>();
        List<TemplateValue> definitions = properties.list("AttributeDefinitions");
        for (int i = 0; i < definitions.size(); i++) {
            Properties definition =
                    Properties.of(definitions.get(i), properties.pathOf("AttributeDefinitions") + "[" + i + "]");
            attributeTypes.put(definition.requiredString("AttributeName"), definition.requiredString("AttributeType"));
        }
        List<KeyAttribute> keys = keySchema(properties, "KeySchema", attributeTypes);
        Optional<String> streamViewType = properties
                .optionalNested("StreamSpecification")
                .flatMap(stream -> stream.optionalString("StreamViewType"));
        Optional<String> ttl = properties
                .optionalNested("TimeToLiveSpecification")
                .filter(spec -> spec.bool("Enabled", false))
                .map(spec -> spec.requiredString("AttributeName"));
        return new TableDefinition(
                resource.logicalId(),
                properties.value("TableName"),
                keys.get(0),
                keys.size() > 1 ? Optional.of(keys.get(1)) : Optional.empty(),
                streamViewType,
                ttl,
                indexes(properties, "GlobalSecondaryIndexes", attributeTypes),
                indexes(properties, "LocalSecondaryIndexes", attributeTypes),
                resource.properties());
    }

    private static List<IndexDefinition> indexes(
            Properties properties, String key, Map<String, String> attributeTypes) {
        List<IndexDefinition> indexes = new ArrayList<>();
        List<TemplateValue> items = properties.list(key);
        for (int i = 0; i < items.size(); i++) {
            Properties index = Properties.of(items.get(i), properties.pathOf(key) + "[" + i + "]");
            List<KeyAttribute> keys = keySchema(index, "KeySchema", attributeTypes);
            Properties projection = index.nested("Projection");
            indexes.add(new IndexDefinition(
                    index.requiredString("IndexName"),
                    keys.get(0),
                    keys.size() > 1 ? Optional.of(keys.get(1)) : Optional.empty(),
                    projection.optionalString("ProjectionType").orElse("KEYS_ONLY"),
                    projection.stringList("NonKeyAttributes")));
        }
        return indexes;
    }

    /** The HASH key first, then the RANGE key if any; each typed from {@code AttributeDefinitions}. */
    private static List<KeyAttribute> keySchema(Properties owner, String key, Map<String, String> attributeTypes) {
        List<TemplateValue> elements = owner.list(key);
        KeyAttribute hash = null;
        KeyAttribute range = null;
        for (int i = 0; i < elements.size(); i++) {
            String path = owner.pathOf(key) + "[" + i + "]";
            Properties element = Properties.of(elements.get(i), path);
            String name = element.requiredString("AttributeName");
            String type = attributeTypes.get(name);
            if (type == null) {
                throw new TemplateSyntaxException(path, "key attribute '" + name + "' is not in AttributeDefinitions");
            }
            String keyType = element.requiredString("KeyType");
            if (keyType.equals("HASH") && hash == null) {
                hash = new KeyAttribute(name, type);
            } else if (keyType.equals("RANGE") && range == null) {
                range = new KeyAttribute(name, type);
            } else {
                throw new TemplateSyntaxException(
                        element.pathOf("KeyType"),
                        "expected one HASH and at most one RANGE key, found another " + keyType);
            }
        }
        if (hash == null) {
            throw new TemplateSyntaxException(owner.pathOf(key), "a key schema needs a HASH key");
        }
        return range == null ? List.of(hash) : List.of(hash, range);
    }
}
