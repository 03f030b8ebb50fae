package dev.tally.bench.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The measured operations. Each is the same request sequence on every server: a table {@code bench} with
 * {@code pk} (S) and {@code sk} (N), 20 partitions of 50 items loaded before measuring.
 */
enum Workload {

    /** A PutItem of a fresh item followed by a GetItem of it (one operation = the pair). */
    PUT_GET_PAIR("PutItem+GetItem pair") {
        @Override
        void runOnce(DynamoDbClient client) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Map<String, AttributeValue> key = key("w" + random.nextInt(1_000_000), random.nextInt(1000));
            client.putItem(b -> b.tableName(TABLE).item(withPayload(key)));
            if (!client.getItem(b -> b.tableName(TABLE).key(key)).hasItem()) {
                throw new IllegalStateException("GetItem did not return the item just put");
            }
        }

        @Override
        void runOnce(RawDynamoDbClient client) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String key = rawKey("w" + random.nextInt(1_000_000), random.nextInt(1000));
            client.call("PutItem", "{\"TableName\":\"bench\",\"Item\":" + rawItem(key) + "}");
            if (!client.call("GetItem", "{\"TableName\":\"bench\",\"Key\":{" + key + "}}")
                    .contains("\"Item\"")) {
                throw new IllegalStateException("GetItem did not return the item just put");
            }
        }
    },
    /** A Query of 20 items of one of the loaded partitions. */
    QUERY("Query (20 items)") {
        @Override
        void runOnce(DynamoDbClient client) {
            String partition = "p" + ThreadLocalRandom.current().nextInt(PARTITIONS);
            int count = client.query(b -> b.tableName(TABLE)
                            .keyConditionExpression("pk = :p AND sk >= :s")
                            .expressionAttributeValues(Map.of(":p", s(partition), ":s", n(10)))
                            .limit(20))
                    .count();
            if (count != 20) {
                throw new IllegalStateException("Query returned " + count + " items, expected 20");
            }
        }

        @Override
        void runOnce(RawDynamoDbClient client) {
            String partition = "p" + ThreadLocalRandom.current().nextInt(PARTITIONS);
            Matcher count = COUNT.matcher(client.call(
                    "Query",
                    "{\"TableName\":\"bench\",\"KeyConditionExpression\":"
                            + "\"pk = :p AND sk >= :s\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"" + partition
                            + "\"},\":s\":{\"N\":\"10\"}},\"Limit\":20}"));
            if (!count.find() || !count.group(1).equals("20")) {
                throw new IllegalStateException("Query did not return Count 20");
            }
        }
    },
    /** An UpdateItem that increments a counter under a condition that holds. */
    CONDITIONAL_UPDATE("conditional UpdateItem") {
        @Override
        void runOnce(DynamoDbClient client) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            client.updateItem(b -> b.tableName(TABLE)
                    .key(key("p" + random.nextInt(PARTITIONS), random.nextInt(ITEMS)))
                    .updateExpression("SET hits = if_not_exists(hits, :zero) + :one")
                    .conditionExpression("attribute_exists(pk) AND payload <> :never")
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":never", s("never"))));
        }

        @Override
        void runOnce(RawDynamoDbClient client) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            client.call(
                    "UpdateItem",
                    "{\"TableName\":\"bench\",\"Key\":{"
                            + rawKey("p" + random.nextInt(PARTITIONS), random.nextInt(ITEMS))
                            + "},\"UpdateExpression\":\"SET hits = if_not_exists(hits, :zero) + :one\","
                            + "\"ConditionExpression\":\"attribute_exists(pk) AND payload <> :never\","
                            + "\"ExpressionAttributeValues\":{\":zero\":{\"N\":\"0\"},\":one\":{\"N\":\"1\"},"
                            + "\":never\":{\"S\":\"never\"}}}");
        }
    },
    /** A TransactWriteItems of two puts on fresh items. */
    TRANSACT_WRITE("TransactWriteItems (2 puts)") {
        @Override
        void runOnce(DynamoDbClient client) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String partition = "t" + random.nextInt(1_000_000);
            client.transactWriteItems(b -> b.transactItems(List.of(
                    TransactWriteItem.builder()
                            .put(Put.builder()
                                    .tableName(TABLE)
                                    .item(withPayload(key(partition, 1)))
                                    .build())
                            .build(),
                    TransactWriteItem.builder()
                            .put(Put.builder()
                                    .tableName(TABLE)
                                    .item(withPayload(key(partition, 2)))
                                    .build())
                            .build())));
        }

        @Override
        void runOnce(RawDynamoDbClient client) {
            String partition = "t" + ThreadLocalRandom.current().nextInt(1_000_000);
            client.call(
                    "TransactWriteItems",
                    "{\"TransactItems\":[{\"Put\":{\"TableName\":\"bench\",\"Item\":"
                            + rawItem(rawKey(partition, 1)) + "}},{\"Put\":{\"TableName\":\"bench\",\"Item\":"
                            + rawItem(rawKey(partition, 2)) + "}}]}");
        }
    };

    static final String TABLE = "bench";
    static final int PARTITIONS = 20;
    static final int ITEMS = 50;

    private final String label;

    Workload(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    abstract void runOnce(DynamoDbClient client);

    /** The same requests as {@link #runOnce(DynamoDbClient)}, as JSON written by hand, for the raw client. */
    abstract void runOnce(RawDynamoDbClient client);

    /** Creates the table and loads the partitions the workloads read. */
    static void prepare(DynamoDbClient client) {
        client.createTable(b -> b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("sk")
                                .attributeType(ScalarAttributeType.N)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName("sk")
                                .keyType(KeyType.RANGE)
                                .build()));
        for (int partition = 0; partition < PARTITIONS; partition++) {
            for (int item = 0; item < ITEMS; item++) {
                Map<String, AttributeValue> key = key("p" + partition, item);
                client.putItem(b -> b.tableName(TABLE).item(withPayload(key)));
            }
        }
    }

    private static Map<String, AttributeValue> key(String partition, int sort) {
        return Map.of("pk", s(partition), "sk", n(sort));
    }

    private static Map<String, AttributeValue> withPayload(Map<String, AttributeValue> key) {
        return Map.of(
                "pk",
                key.get("pk"),
                "sk",
                key.get("sk"),
                "payload",
                s("x".repeat(200)),
                "amount",
                n(1234),
                "tags",
                AttributeValue.fromSs(List.of("a", "b")));
    }

    private static final Pattern COUNT = Pattern.compile("\"Count\"\\s*:\\s*(\\d+)");
    /** The non-key attributes of {@link #withPayload}, serialised once. */
    private static final String RAW_PAYLOAD = ",\"payload\":{\"S\":\"" + "x".repeat(200)
            + "\"},\"amount\":{\"N\":\"1234\"},\"tags\":{\"SS\":[\"a\",\"b\"]}";

    private static String rawKey(String partition, int sort) {
        return "\"pk\":{\"S\":\"" + partition + "\"},\"sk\":{\"N\":\"" + sort + "\"}";
    }

    private static String rawItem(String rawKey) {
        return "{" + rawKey + RAW_PAYLOAD + "}";
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
