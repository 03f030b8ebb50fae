package dev.tally.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class TableOperationsIT {

    @RegisterExtension
    static DynamoDbExtension ddb = DynamoDbExtension.create();

    static DynamoDbClient client;

    @BeforeAll
    static void setUp() {
        client = LocalClients.dynamoDb(ddb.endpoint());
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    @Test
    void createDescribeDelete_lifecycle() {
        LocalClients.createTable(client, "lifecycle", ScalarAttributeType.N, StreamViewType.NEW_IMAGE);

        TableDescription table =
                client.describeTable(r -> r.tableName("lifecycle")).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema())
                .extracting(KeySchemaElement::attributeName)
                .containsExactly("pk", "sk");
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(table.latestStreamArn())
                .startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/lifecycle/stream/");
        assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/lifecycle");

        client.putItem(r ->
                r.tableName("lifecycle").item(LocalClients.item("pk", LocalClients.s("a"), "sk", LocalClients.n("1"))));
        assertThat(client.describeTable(r -> r.tableName("lifecycle")).table().itemCount())
                .isEqualTo(1);

        client.deleteTable(r -> r.tableName("lifecycle"));
        assertThatThrownBy(() -> client.describeTable(r -> r.tableName("lifecycle")))
                .isInstanceOf(ResourceNotFoundException.class);
        client.waiter().waitUntilTableNotExists(r -> r.tableName("lifecycle"));
    }

    @Test
    void createTable_existing_isResourceInUse() {
        LocalClients.createTable(client, "twice", null, null);
        assertThatThrownBy(() -> LocalClients.createTable(client, "twice", null, null))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Table already exists: twice");
    }

    @Test
    void createTable_invalidDefinitions_areRejected() {
        assertThatThrownBy(() -> client.createTable(r -> r.tableName("bad")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("x")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build())))
                .hasMessageContaining("Some index key attributes are not defined in AttributeDefinitions");
        assertThatThrownBy(() -> client.createTable(r -> r.tableName("bad")
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build())))
                .hasMessageContaining("ReadCapacityUnits and WriteCapacityUnits must both be specified");
        assertThatThrownBy(() -> client.createTable(r -> r.tableName("bad")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                AttributeDefinition.builder()
                                        .attributeName("pk")
                                        .attributeType(ScalarAttributeType.S)
                                        .build(),
                                AttributeDefinition.builder()
                                        .attributeName("extra")
                                        .attributeType(ScalarAttributeType.S)
                                        .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build())))
                .hasMessageContaining("Number of attributes in KeySchema does not exactly match");
    }

    @Test
    void listTables_paginates() {
        for (int i = 0; i < 5; i++) {
            LocalClients.createTable(client, "page" + i, null, null);
        }
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = client.listTables(r -> r.limit(2).exclusiveStartTableName(from));
            assertThat(page.tableNames()).hasSizeLessThanOrEqualTo(2);
            names.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        assertThat(names).contains("page0", "page1", "page2", "page3", "page4").isSorted();
    }

    @Test
    void updateTable_turnsStreamOnAndOff() {
        LocalClients.createTable(client, "streamy", null, null);
        assertThat(client.describeTable(r -> r.tableName("streamy")).table().latestStreamArn())
                .isNull();

        TableDescription on = client.updateTable(r -> r.tableName("streamy")
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
                .tableDescription();
        assertThat(on.latestStreamArn()).isNotNull();
        assertThatThrownBy(() -> client.updateTable(r -> r.tableName("streamy")
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))))
                .hasMessageContaining("Table already has an enabled stream");

        TableDescription off = client.updateTable(
                        r -> r.tableName("streamy").streamSpecification(s -> s.streamEnabled(false)))
                .tableDescription();
        assertThat(off.streamSpecification()).isNull();
        assertThat(off.latestStreamArn()).isEqualTo(on.latestStreamArn());
    }

    @Test
    void updateTable_createsAndDeletesGlobalIndex_backfillingExistingItems() {
        LocalClients.createTable(client, "regrouped", null, null);
        client.putItem(r -> r.tableName("regrouped")
                .item(LocalClients.item("pk", LocalClients.s("a"), "grp", LocalClients.s("g1"))));
        client.putItem(r -> r.tableName("regrouped").item(LocalClients.item("pk", LocalClients.s("b"))));

        TableDescription created = client.updateTable(r -> r.tableName("regrouped")
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("grp")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byGrp")
                                .keySchema(KeySchemaElement.builder()
                                        .attributeName("grp")
                                        .keyType(KeyType.HASH)
                                        .build())
                                .projection(p -> p.projectionType(
                                        software.amazon.awssdk.services.dynamodb.model.ProjectionType.ALL)))))
                .tableDescription();
        assertThat(created.globalSecondaryIndexes())
                .extracting(i -> i.indexName())
                .containsExactly("byGrp");
        client.putItem(r -> r.tableName("regrouped")
                .item(LocalClients.item("pk", LocalClients.s("c"), "grp", LocalClients.s("g1"))));

        assertThat(client.query(r -> r.tableName("regrouped")
                                .indexName("byGrp")
                                .keyConditionExpression("grp = :g")
                                .expressionAttributeValues(java.util.Map.of(":g", LocalClients.s("g1"))))
                        .items())
                .extracting(i -> i.get("pk").s())
                .containsExactlyInAnyOrder("a", "c");
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("regrouped")
                        .item(LocalClients.item("pk", LocalClients.s("d"), "grp", LocalClients.n("1")))))
                .hasMessageContaining("Type mismatch for Index Key grp");

        client.updateTable(
                r -> r.tableName("regrouped").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byGrp"))));
        assertThat(client.describeTable(r -> r.tableName("regrouped")).table().attributeDefinitions())
                .extracting(AttributeDefinition::attributeName)
                .containsExactly("pk");
        assertThatThrownBy(() -> client.query(r -> r.tableName("regrouped")
                        .indexName("byGrp")
                        .keyConditionExpression("grp = :g")
                        .expressionAttributeValues(java.util.Map.of(":g", LocalClients.s("g1")))))
                .hasMessageContaining("The table does not have the specified index: byGrp");
        assertThatThrownBy(() -> client.updateTable(r ->
                        r.tableName("regrouped").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byGrp")))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void timeToLive_enableDescribeDisable() {
        LocalClients.createTable(client, "ttl", null, null);
        assertThat(client.describeTimeToLive(r -> r.tableName("ttl"))
                        .timeToLiveDescription()
                        .timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);

        client.updateTimeToLive(r ->
                r.tableName("ttl").timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt")));

        assertThat(client.describeTimeToLive(r -> r.tableName("ttl")).timeToLiveDescription())
                .satisfies(d -> {
                    assertThat(d.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                    assertThat(d.attributeName()).isEqualTo("expiresAt");
                });
        assertThatThrownBy(() -> client.updateTimeToLive(r -> r.tableName("ttl")
                        .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt"))))
                .hasMessageContaining("TimeToLive is already enabled");
    }

    @Test
    void unsupportedParameter_isNamedNotIgnored() {
        LocalClients.createTable(client, "legacy", null, null);
        assertThatThrownBy(() -> client.getItem(r -> r.tableName("legacy")
                        .key(LocalClients.item("pk", LocalClients.s("a")))
                        .attributesToGet("x")))
                .hasMessageContaining("Parameter AttributesToGet of GetItem is not supported");
    }
}
