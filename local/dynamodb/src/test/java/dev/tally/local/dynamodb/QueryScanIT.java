package dev.tally.local.dynamodb;

import static dev.tally.local.dynamodb.LocalClients.item;
import static dev.tally.local.dynamodb.LocalClients.n;
import static dev.tally.local.dynamodb.LocalClients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

class QueryScanIT {

    @RegisterExtension
    static DynamoDbExtension ddb = DynamoDbExtension.create();

    static DynamoDbClient client;

    @BeforeAll
    static void setUp() {
        client = LocalClients.dynamoDb(ddb.endpoint());
        LocalClients.createTable(client, "numbers", ScalarAttributeType.N, null);
        LocalClients.createTable(client, "strings", ScalarAttributeType.S, null);
        LocalClients.createTable(client, "binaries", ScalarAttributeType.B, null);
        for (int i = 1; i <= 20; i++) {
            int value = i;
            client.putItem(r -> r.tableName("numbers")
                    .item(item(
                            "pk",
                            s("p"),
                            "sk",
                            n(Integer.toString(value)),
                            "odd",
                            AttributeValue.fromBool(value % 2 == 1))));
        }
        for (String key : List.of("a", "B", "\u00e9", "\uD83D\uDE00", "\uFFFD", "ab")) {
            client.putItem(r -> r.tableName("strings").item(item("pk", s("p"), "sk", s(key))));
        }
        for (int b : new int[] {0x00, 0x7f, 0x80, 0xff}) {
            client.putItem(r -> r.tableName("binaries")
                    .item(item(
                            "pk", s("p"), "sk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) b})))));
        }
        client.createTable(r -> r.tableName("indexed")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        def("pk", ScalarAttributeType.S),
                        def("sk", ScalarAttributeType.S),
                        def("gpk", ScalarAttributeType.S),
                        def("lsk", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("byGroup")
                        .keySchema(key("gpk", KeyType.HASH))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes("shown")
                                .build())
                        .build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                        .indexName("byRank")
                        .keySchema(key("pk", KeyType.HASH), key("lsk", KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.KEYS_ONLY)
                                .build())
                        .build()));
        for (int i = 0; i < 6; i++) {
            int value = i;
            Map<String, AttributeValue> item = new java.util.HashMap<>(item(
                    "pk",
                    s("u"),
                    "sk",
                    s("item" + value),
                    "shown",
                    s("s" + value),
                    "hidden",
                    s("h" + value),
                    "lsk",
                    n(Integer.toString(10 - value))));
            if (value < 4) {
                item.put("gpk", s(value % 2 == 0 ? "even" : "odd"));
            }
            client.putItem(r -> r.tableName("indexed").item(item));
        }
    }

    private static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    @Test
    void query_numericSortKey_ordersNumericallyBothWays() {
        QueryResponse forward = client.query(r -> r.tableName("numbers")
                .keyConditionExpression("pk = :p AND sk >= :from")
                .expressionAttributeValues(Map.of(":p", s("p"), ":from", n("9"))));
        assertThat(forward.items())
                .extracting(i -> i.get("sk").n())
                .startsWith("9", "10", "11")
                .hasSize(12);

        QueryResponse backward = client.query(r -> r.tableName("numbers")
                .keyConditionExpression("pk = :p AND sk < :to")
                .expressionAttributeValues(Map.of(":p", s("p"), ":to", n("4")))
                .scanIndexForward(false));
        assertThat(backward.items()).extracting(i -> i.get("sk").n()).containsExactly("3", "2", "1");
    }

    @Test
    void query_stringSortKey_ordersByUtf8Bytes() {
        QueryResponse response = client.query(r -> r.tableName("strings")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(response.items())
                .extracting(i -> i.get("sk").s())
                .containsExactly("B", "a", "ab", "\u00e9", "\uFFFD", "\uD83D\uDE00");
    }

    @Test
    void query_binarySortKey_ordersUnsigned() {
        QueryResponse response = client.query(r -> r.tableName("binaries")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(response.items())
                .extracting(i -> i.get("sk").b().asByteArray()[0] & 0xff)
                .containsExactly(0x00, 0x7f, 0x80, 0xff);
    }

    @Test
    void query_beginsWithAndBetween() {
        assertThat(client.query(r -> r.tableName("strings")
                                .keyConditionExpression("pk = :p AND begins_with(sk, :a)")
                                .expressionAttributeValues(Map.of(":p", s("p"), ":a", s("a"))))
                        .items())
                .extracting(i -> i.get("sk").s())
                .containsExactly("a", "ab");
        assertThat(client.query(r -> r.tableName("numbers")
                                .keyConditionExpression("pk = :p AND sk BETWEEN :l AND :h")
                                .expressionAttributeValues(Map.of(":p", s("p"), ":l", n("5"), ":h", n("7"))))
                        .count())
                .isEqualTo(3);
    }

    @Test
    void query_limitAppliesBeforeFilter_andPaginates() {
        QueryResponse first = client.query(r -> r.tableName("numbers")
                .keyConditionExpression("pk = :p")
                .filterExpression("odd = :t")
                .expressionAttributeValues(Map.of(":p", s("p"), ":t", AttributeValue.fromBool(true)))
                .limit(5));
        assertThat(first.scannedCount()).isEqualTo(5);
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.lastEvaluatedKey()).containsEntry("sk", n("5")).containsEntry("pk", s("p"));

        List<String> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = client.query(r -> r.tableName("numbers")
                    .keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("p")))
                    .limit(7)
                    .exclusiveStartKey(from));
            page.items().forEach(i -> all.add(i.get("sk").n()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(all).hasSize(20).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void query_selectCount_returnsOnlyCounts() {
        QueryResponse response = client.query(r -> r.tableName("numbers")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))
                .select(Select.COUNT));
        assertThat(response.count()).isEqualTo(20);
        assertThat(response.hasItems()).isFalse();
    }

    @Test
    void query_keyConditionErrors() {
        assertThatThrownBy(() -> client.query(r -> r.tableName("numbers")
                        .keyConditionExpression("sk = :s")
                        .expressionAttributeValues(Map.of(":s", n("1")))))
                .hasMessageContaining("Query condition missed key schema element: pk");
        assertThatThrownBy(() -> client.query(r -> r.tableName("numbers")
                        .keyConditionExpression("pk = :p OR sk = :s")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":s", n("1")))))
                .hasMessageContaining("Invalid operator used in KeyConditionExpression: OR");
        assertThatThrownBy(() -> client.query(r -> r.tableName("numbers")
                        .keyConditionExpression("pk = :p AND sk = :s")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":s", s("1")))))
                .hasMessageContaining("Condition parameter type does not match schema type");
    }

    @Test
    void query_filterOnKeyAttribute_isRejected() {
        assertThatThrownBy(() -> client.query(r -> r.tableName("numbers")
                        .keyConditionExpression("pk = :p")
                        .filterExpression("sk > :s")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":s", n("1")))))
                .hasMessageContaining(
                        "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Test
    void scan_segmentParameters_areValidated() {
        assertThatThrownBy(() -> client.scan(r -> r.tableName("numbers").segment(1)))
                .hasMessageContaining("The TotalSegments parameter is required");
        assertThatThrownBy(
                        () -> client.scan(r -> r.tableName("numbers").segment(4).totalSegments(4)))
                .hasMessageContaining("must be less than parameter TotalSegments");
    }

    @Test
    void query_onGlobalIndex_returnsProjectedAttributesOnly() {
        QueryResponse response = client.query(r -> r.tableName("indexed")
                .indexName("byGroup")
                .keyConditionExpression("gpk = :g")
                .expressionAttributeValues(Map.of(":g", s("even"))));
        assertThat(response.items()).hasSize(2);
        assertThat(response.items().get(0)).containsOnlyKeys("pk", "sk", "gpk", "shown");
        assertThatThrownBy(() -> client.query(r -> r.tableName("indexed")
                        .indexName("byGroup")
                        .keyConditionExpression("gpk = :g")
                        .expressionAttributeValues(Map.of(":g", s("even")))
                        .select(Select.ALL_ATTRIBUTES)))
                .hasMessageContaining("projection type is not ALL");
        assertThatThrownBy(() -> client.query(r -> r.tableName("indexed")
                        .indexName("byGroup")
                        .consistentRead(true)
                        .keyConditionExpression("gpk = :g")
                        .expressionAttributeValues(Map.of(":g", s("even")))))
                .hasMessageContaining("Consistent reads are not supported on global secondary indexes");
    }

    @Test
    void query_onLocalIndex_ordersByIndexSortKeyAndPaginates() {
        QueryResponse first = client.query(r -> r.tableName("indexed")
                .indexName("byRank")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("u")))
                .limit(2));
        assertThat(first.items()).extracting(i -> i.get("lsk").n()).containsExactly("5", "6");
        assertThat(first.items().get(0)).containsOnlyKeys("pk", "sk", "lsk");
        assertThat(first.lastEvaluatedKey()).containsOnlyKeys("pk", "sk", "lsk");
        QueryResponse second = client.query(r -> r.tableName("indexed")
                .indexName("byRank")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("u")))
                .exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(second.items()).extracting(i -> i.get("lsk").n()).containsExactly("7", "8", "9", "10");
    }

    @Test
    void query_indexProjections_gsiSeesOnlyProjected_lsiFetchesFromTable() {
        QueryResponse global = client.query(r -> r.tableName("indexed")
                .indexName("byGroup")
                .keyConditionExpression("gpk = :g")
                .filterExpression("attribute_exists(#h)")
                .expressionAttributeNames(Map.of("#h", "hidden"))
                .expressionAttributeValues(Map.of(":g", s("even"))));
        assertThat(global.count()).isZero();
        assertThat(global.scannedCount()).isEqualTo(2);

        QueryResponse local = client.query(r -> r.tableName("indexed")
                .indexName("byRank")
                .keyConditionExpression("pk = :p")
                .projectionExpression("#h, lsk")
                .expressionAttributeNames(Map.of("#h", "hidden"))
                .expressionAttributeValues(Map.of(":p", s("u")))
                .limit(1));
        assertThat(local.items().get(0)).containsOnlyKeys("hidden", "lsk");
    }

    @Test
    void scan_sparseIndex_holdsOnlyItemsWithIndexKey() {
        assertThat(client.scan(r -> r.tableName("indexed").indexName("byGroup")).count())
                .isEqualTo(4);
        var index = client.describeTable(r -> r.tableName("indexed"))
                .table()
                .globalSecondaryIndexes()
                .get(0);
        assertThat(index.itemCount()).isEqualTo(4);
        assertThat(index.indexSizeBytes())
                .isPositive()
                .isLessThan(client.describeTable(r -> r.tableName("indexed"))
                        .table()
                        .tableSizeBytes());
    }

    @Test
    void scan_segmentsPartitionTheTable() {
        for (int i = 0; i < 30; i++) {
            int value = i;
            client.putItem(r -> r.tableName("strings").item(item("pk", s("seg" + value), "sk", s("x"))));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            int current = segment;
            ScanResponse response =
                    client.scan(r -> r.tableName("strings").segment(current).totalSegments(4));
            total += response.count();
            response.items()
                    .forEach(i -> seen.add(i.get("pk").s() + "/" + i.get("sk").s()));
        }
        int all = client.scan(r -> r.tableName("strings")).count();
        assertThat(total).isEqualTo(all);
        assertThat(seen).hasSize(all);
    }

    @Test
    void scan_filterAndProjectionAndPagination() {
        ScanResponse response = client.scan(r -> r.tableName("numbers")
                .filterExpression("sk > :ten AND odd = :t")
                .projectionExpression("sk")
                .expressionAttributeValues(Map.of(":ten", n("10"), ":t", AttributeValue.fromBool(true))));
        assertThat(response.items())
                .extracting(i -> i.get("sk").n())
                .containsExactlyInAnyOrder("11", "13", "15", "17", "19");
        assertThat(response.items().get(0)).containsOnlyKeys("sk");
        assertThat(response.scannedCount()).isEqualTo(20);
    }

    @Test
    void scan_pageStopsAtOneMegabyte() {
        LocalClients.createTable(client, "large", null, null);
        String payload = "x".repeat(300 * 1024);
        for (int i = 0; i < 5; i++) {
            int value = i;
            client.putItem(r -> r.tableName("large").item(item("pk", s("big" + value), "v", s(payload))));
        }
        ScanResponse first = client.scan(r -> r.tableName("large"));
        assertThat(first.count()).isEqualTo(4);
        assertThat(first.hasLastEvaluatedKey()).isTrue();
        ScanResponse second = client.scan(r -> r.tableName("large").exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.hasLastEvaluatedKey()).isFalse();
    }
}
