package dev.tally.local.dynamodb;

import static dev.tally.local.dynamodb.LocalClients.item;
import static dev.tally.local.dynamodb.LocalClients.n;
import static dev.tally.local.dynamodb.LocalClients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class TransactionsIT {

    @RegisterExtension
    static DynamoDbExtension ddb = DynamoDbExtension.create();

    static DynamoDbClient client;

    @BeforeAll
    static void setUp() {
        client = LocalClients.dynamoDb(ddb.endpoint());
        LocalClients.createTable(client, "accounts", null, null);
        LocalClients.createTable(client, "ledger", null, null);
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    private static Map<String, AttributeValue> get(String table, String pk) {
        return client.getItem(r -> r.tableName(table).key(item("pk", s(pk)))).item();
    }

    @Test
    @SuppressWarnings("unchecked")
    void batchWriteAndBatchGet() {
        client.putItem(r -> r.tableName("ledger").item(item("pk", s("doomed"))));
        client.batchWriteItem(r -> r.requestItems(Map.of(
                "accounts", List.of(put(item("pk", s("b1"), "v", n("1"))), put(item("pk", s("b2"), "v", n("2")))),
                "ledger",
                        List.of(WriteRequest.builder()
                                .deleteRequest(DeleteRequest.builder()
                                        .key(item("pk", s("doomed")))
                                        .build())
                                .build()))));

        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(Map.of(
                "accounts",
                        KeysAndAttributes.builder()
                                .keys(item("pk", s("b1")), item("pk", s("b2")), item("pk", s("none")))
                                .projectionExpression("v")
                                .build(),
                "ledger",
                        KeysAndAttributes.builder()
                                .keys(item("pk", s("doomed")))
                                .build())));

        assertThat(response.responses().get("accounts"))
                .extracting(i -> i.get("v").n())
                .containsExactlyInAnyOrder("1", "2");
        assertThat(response.responses().get("ledger")).isEmpty();
        assertThat(response.unprocessedKeys()).isEmpty();
        assertThatThrownBy(() -> client.batchWriteItem(r -> r.requestItems(Map.of(
                        "accounts", List.of(put(item("pk", s("dup"))), put(item("pk", s("dup"))))))))
                .hasMessageContaining("Provided list of item keys contains duplicates");
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item).build())
                .build();
    }

    @Test
    void transactWrite_allOrNothing_withReasonsInRequestOrder() {
        client.putItem(r -> r.tableName("accounts").item(item("pk", s("alice"), "balance", n("100"))));
        client.putItem(r -> r.tableName("accounts").item(item("pk", s("bob"), "balance", n("5"))));

        assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder()
                                .update(u -> u.tableName("accounts")
                                        .key(item("pk", s("alice")))
                                        .updateExpression("SET balance = balance - :amount")
                                        .conditionExpression("balance >= :amount")
                                        .expressionAttributeValues(Map.of(":amount", n("50"))))
                                .build(),
                        TransactWriteItem.builder()
                                .update(u -> u.tableName("accounts")
                                        .key(item("pk", s("bob")))
                                        .updateExpression("SET balance = balance - :amount")
                                        .conditionExpression("balance >= :amount")
                                        .expressionAttributeValues(Map.of(":amount", n("50")))
                                        .returnValuesOnConditionCheckFailure(
                                                ReturnValuesOnConditionCheckFailure.ALL_OLD))
                                .build(),
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("ledger").item(item("pk", s("t1"))))
                                .build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons())
                            .extracting(CancellationReason::code)
                            .containsExactly("None", "ConditionalCheckFailed", "None");
                    assertThat(e.cancellationReasons().get(1).item()).containsEntry("balance", n("5"));
                    assertThat(e.getMessage()).contains("[None, ConditionalCheckFailed, None]");
                });

        assertThat(get("accounts", "alice")).containsEntry("balance", n("100"));
        assertThat(get("ledger", "t1")).isEmpty();
    }

    @Test
    void transactWrite_success_appliesEveryAction() {
        client.putItem(r -> r.tableName("accounts").item(item("pk", s("carol"), "balance", n("10"))));
        client.putItem(r -> r.tableName("ledger").item(item("pk", s("old-entry"))));

        client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder()
                        .conditionCheck(c -> c.tableName("accounts")
                                .key(item("pk", s("carol")))
                                .conditionExpression("attribute_exists(pk)"))
                        .build(),
                TransactWriteItem.builder()
                        .put(p -> p.tableName("ledger")
                                .item(item("pk", s("t2"), "v", n("1")))
                                .conditionExpression("attribute_not_exists(pk)"))
                        .build(),
                TransactWriteItem.builder()
                        .delete(d -> d.tableName("ledger").key(item("pk", s("old-entry"))))
                        .build(),
                TransactWriteItem.builder()
                        .update(u -> u.tableName("accounts")
                                .key(item("pk", s("dave")))
                                .updateExpression("SET balance = :zero")
                                .expressionAttributeValues(Map.of(":zero", n("0"))))
                        .build()));

        assertThat(get("ledger", "t2")).containsEntry("v", n("1"));
        assertThat(get("ledger", "old-entry")).isEmpty();
        assertThat(get("accounts", "dave")).containsEntry("balance", n("0"));
    }

    @Test
    void transactWrite_twoActionsOnOneItem_isValidationError() {
        assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("ledger").item(item("pk", s("same"))))
                                .build(),
                        TransactWriteItem.builder()
                                .delete(d -> d.tableName("ledger").key(item("pk", s("same"))))
                                .build())))
                .hasMessageContaining("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void transactWrite_clientRequestToken_isIdempotent() {
        client.putItem(r -> r.tableName("accounts").item(item("pk", s("erin"), "balance", n("0"))));
        TransactWriteItem increment = TransactWriteItem.builder()
                .update(u -> u.tableName("accounts")
                        .key(item("pk", s("erin")))
                        .updateExpression("ADD balance :one")
                        .expressionAttributeValues(Map.of(":one", n("1"))))
                .build();

        client.transactWriteItems(r -> r.clientRequestToken("token-1").transactItems(increment));
        client.transactWriteItems(r -> r.clientRequestToken("token-1").transactItems(increment));

        assertThat(get("accounts", "erin")).containsEntry("balance", n("1"));
        assertThatThrownBy(() -> client.transactWriteItems(r -> r.clientRequestToken("token-1")
                        .transactItems(TransactWriteItem.builder()
                                .put(p -> p.tableName("ledger").item(item("pk", s("other"))))
                                .build())))
                .isInstanceOf(IdempotentParameterMismatchException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void transactGet_returnsItemsInRequestOrder() {
        client.putItem(r -> r.tableName("accounts").item(item("pk", s("g1"), "v", n("1"))));
        var responses = client.transactGetItems(r -> r.transactItems(
                        t -> t.get(g -> g.tableName("accounts").key(item("pk", s("missing")))),
                        t -> t.get(g ->
                                g.tableName("accounts").key(item("pk", s("g1"))).projectionExpression("v"))))
                .responses();
        assertThat(responses).hasSize(2);
        assertThat(responses.get(0).item()).isEmpty();
        assertThat(responses.get(1).item()).containsOnlyKeys("v");
    }
}
