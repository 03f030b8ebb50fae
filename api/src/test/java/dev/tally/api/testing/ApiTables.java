package dev.tally.api.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the api's tables with the schema of docs/ARCHITECTURE.md (and template.yaml). */
public final class ApiTables {

    private ApiTables() {}

    /** {@code users}: partition key {@code pk} (S). */
    public static void createUsersTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(table -> table.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"))
                .keySchema(key("pk", KeyType.HASH)));
    }

    /** {@code loginAttempts}: partition key {@code counterKey} (S), TTL on {@code expiresAt}. */
    public static void createLoginAttemptsTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(table -> table.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("counterKey"))
                .keySchema(key("counterKey", KeyType.HASH)));
        dynamoDb.updateTimeToLive(ttl -> ttl.tableName(name)
                .timeToLiveSpecification(spec -> spec.attributeName("expiresAt").enabled(true)));
    }

    /** {@code debts}: {@code userId} (S) + {@code debtId} (S); the api only reads it. */
    public static void createDebtsTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(table -> table.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("userId"), attribute("debtId"))
                .keySchema(key("userId", KeyType.HASH), key("debtId", KeyType.RANGE)));
    }

    /** {@code summaries}: partition key {@code userId} (S); the api only reads it. */
    public static void createSummariesTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(table -> table.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("userId"))
                .keySchema(key("userId", KeyType.HASH)));
    }

    /** {@code commands}: {@code userId} (S) + {@code commandId} (S), TTL on {@code expiresAt}. */
    public static void createCommandsTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(table -> table.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("userId"), attribute("commandId"))
                .keySchema(key("userId", KeyType.HASH), key("commandId", KeyType.RANGE)));
        dynamoDb.updateTimeToLive(ttl -> ttl.tableName(name)
                .timeToLiveSpecification(spec -> spec.attributeName("expiresAt").enabled(true)));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
