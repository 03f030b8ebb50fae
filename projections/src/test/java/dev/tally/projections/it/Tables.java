package dev.tally.projections.it;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the {@code debts} and {@code summaries} tables with the keys of {@code template.yaml}. */
public final class Tables {

    /** The debts table's name in tests. */
    public static final String DEBTS = "tally-debts";
    /** The summaries table's name in tests. */
    public static final String SUMMARIES = "tally-summaries";

    private Tables() {}

    /** Creates both tables (once per endpoint). */
    public static void create(DynamoDbClient dynamoDb) {
        dynamoDb.createTable(request -> request.tableName(DEBTS)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"), string("debtId"))
                .keySchema(key("userId", KeyType.HASH), key("debtId", KeyType.RANGE)));
        dynamoDb.createTable(request -> request.tableName(SUMMARIES)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"))
                .keySchema(key("userId", KeyType.HASH)));
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
