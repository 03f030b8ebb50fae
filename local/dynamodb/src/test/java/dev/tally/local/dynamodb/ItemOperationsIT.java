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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class ItemOperationsIT {

    @RegisterExtension
    static DynamoDbExtension ddb = DynamoDbExtension.create();

    static DynamoDbClient client;

    @BeforeAll
    static void setUp() {
        client = LocalClients.dynamoDb(ddb.endpoint());
        LocalClients.createTable(client, "items", null, null);
        LocalClients.createTable(client, "ranged", ScalarAttributeType.N, null);
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    @Test
    void putAndGet_allTypes_roundTripWithNormalisedNumbers() {
        Map<String, AttributeValue> item = item(
                "pk",
                s("types"),
                "n",
                n("0012.500"),
                "b",
                AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, (byte) 255})),
                "ss",
                AttributeValue.fromSs(List.of("a", "b")),
                "ns",
                AttributeValue.fromNs(List.of("1", "2.0")),
                "bs",
                AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))),
                "m",
                AttributeValue.fromM(Map.of("k", s("v"))),
                "l",
                AttributeValue.fromL(List.of(n("1"), s("x"))),
                "nul",
                AttributeValue.fromNul(true),
                "bool",
                AttributeValue.fromBool(false),
                "empty",
                s(""));
        client.putItem(r -> r.tableName("items").item(item));

        Map<String, AttributeValue> got = client.getItem(
                        r -> r.tableName("items").key(item("pk", s("types"))))
                .item();

        assertThat(got.get("n").n()).isEqualTo("12.5");
        assertThat(got.get("b").b().asByteArray()).containsExactly(1, 2, (byte) 255);
        assertThat(got.get("ss").ss()).containsExactlyInAnyOrder("a", "b");
        assertThat(got.get("ns").ns()).containsExactlyInAnyOrder("1", "2");
        assertThat(got.get("m").m()).containsEntry("k", s("v"));
        assertThat(got.get("l").l()).containsExactly(n("1"), s("x"));
        assertThat(got.get("nul").nul()).isTrue();
        assertThat(got.get("bool").bool()).isFalse();
        assertThat(got.get("empty").s()).isEmpty();
    }

    @Test
    void getItem_missing_returnsNoItem() {
        assertThat(client.getItem(r -> r.tableName("items").key(item("pk", s("nobody"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void getItem_projection_returnsOnlyNamedNestedPaths() {
        client.putItem(r -> r.tableName("items")
                .item(item(
                        "pk",
                        s("proj"),
                        "a",
                        AttributeValue.fromM(Map.of(
                                "b", AttributeValue.fromL(List.of(s("zero"), s("one"), s("two"))), "c", s("drop"))),
                        "d",
                        s("keep"))));

        Map<String, AttributeValue> got = client.getItem(r -> r.tableName("items")
                        .key(item("pk", s("proj")))
                        .projectionExpression("a.b[2], #d")
                        .expressionAttributeNames(Map.of("#d", "d")))
                .item();

        assertThat(got).containsOnlyKeys("a", "d");
        assertThat(got.get("a").m()).containsOnlyKeys("b");
        assertThat(got.get("a").m().get("b").l()).containsExactly(s("two"));
    }

    @Test
    void putItem_conditionFails_throwsWithOldItemWhenAsked() {
        client.putItem(r -> r.tableName("items").item(item("pk", s("cond"), "v", n("1"))));

        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items")
                        .item(item("pk", s("cond"), "v", n("2")))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.item()).containsEntry("v", n("1"));
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
                });
        assertThat(client.getItem(r -> r.tableName("items").key(item("pk", s("cond"))))
                        .item())
                .containsEntry("v", n("1"));
    }

    @Test
    void putItem_returnAllOld_returnsReplacedItem() {
        client.putItem(r -> r.tableName("items").item(item("pk", s("old"), "v", n("1"))));

        Map<String, AttributeValue> old = client.putItem(r -> r.tableName("items")
                        .item(item("pk", s("old"), "v", n("2")))
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();

        assertThat(old).containsEntry("v", n("1"));
    }

    @Test
    void updateItem_allActionsSeeOldItem_andReturnValuesVary() {
        client.putItem(r -> r.tableName("items")
                .item(item(
                        "pk",
                        s("upd"),
                        "a",
                        n("1"),
                        "b",
                        n("10"),
                        "lst",
                        AttributeValue.fromL(List.of(s("x"))),
                        "tags",
                        AttributeValue.fromSs(List.of("t1", "t2")),
                        "gone",
                        s("bye"))));

        Map<String, AttributeValue> updatedNew = client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("upd")))
                        .updateExpression(
                                "SET a = b, b = a + :one, lst = list_append(lst, :more), fresh = if_not_exists(fresh, :zero) "
                                        + "REMOVE gone ADD hits :one DELETE tags :t1")
                        .expressionAttributeValues(Map.of(
                                ":one",
                                n("1"),
                                ":more",
                                AttributeValue.fromL(List.of(s("y"))),
                                ":zero",
                                n("0"),
                                ":t1",
                                AttributeValue.fromSs(List.of("t1"))))
                        .returnValues(ReturnValue.UPDATED_NEW))
                .attributes();

        assertThat(updatedNew)
                .containsEntry("a", n("10"))
                .containsEntry("b", n("2"))
                .containsEntry("hits", n("1"))
                .containsEntry("fresh", n("0"))
                .doesNotContainKey("gone")
                .doesNotContainKey("pk");
        assertThat(updatedNew.get("tags").ss()).containsExactly("t2");
        assertThat(updatedNew.get("lst").l()).containsExactly(s("x"), s("y"));

        Map<String, AttributeValue> updatedOld = client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("upd")))
                        .updateExpression("SET a = :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))
                        .returnValues(ReturnValue.UPDATED_OLD))
                .attributes();
        assertThat(updatedOld).containsOnlyKeys("a").containsEntry("a", n("10"));

        Map<String, AttributeValue> allOld = client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("upd")))
                        .updateExpression("REMOVE fresh")
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();
        assertThat(allOld).containsEntry("fresh", n("0")).containsEntry("pk", s("upd"));
    }

    @Test
    void updateItem_nestedPathsAndListIndexes() {
        client.putItem(r -> r.tableName("items")
                .item(item(
                        "pk",
                        s("nest"),
                        "doc",
                        AttributeValue.fromM(Map.of(
                                "items",
                                AttributeValue.fromL(
                                        List.of(AttributeValue.fromM(Map.of("qty", n("1"))), s("b"), s("c"))))))));

        Map<String, AttributeValue> result = client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("nest")))
                        .updateExpression(
                                "SET doc.#items[0].qty = doc.#items[0].qty + :two, doc.added = :two REMOVE doc.#items[2]")
                        .expressionAttributeNames(Map.of("#items", "items"))
                        .expressionAttributeValues(Map.of(":two", n("2")))
                        .returnValues(ReturnValue.ALL_NEW))
                .attributes();

        Map<String, AttributeValue> doc = result.get("doc").m();
        assertThat(doc.get("added")).isEqualTo(n("2"));
        assertThat(doc.get("items").l()).hasSize(2);
        assertThat(doc.get("items").l().get(0).m().get("qty")).isEqualTo(n("3"));
    }

    @Test
    void updateItem_setPastListEnd_appendsAndUpdatedNewShowsWhereItLanded() {
        client.putItem(r ->
                r.tableName("items").item(item("pk", s("append"), "l", AttributeValue.fromL(List.of(s("a"))))));

        Map<String, AttributeValue> result = client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("append")))
                        .updateExpression("SET l[7] = :x, l[9] = :y")
                        .expressionAttributeValues(Map.of(":x", s("x"), ":y", s("y")))
                        .returnValues(ReturnValue.UPDATED_NEW))
                .attributes();

        assertThat(result.get("l").l()).containsExactly(s("x"), s("y"));
        assertThat(client.getItem(r -> r.tableName("items").key(item("pk", s("append"))))
                        .item()
                        .get("l")
                        .l())
                .containsExactly(s("a"), s("x"), s("y"));
    }

    @Test
    void updateItem_missingItem_createsItFromKey() {
        Map<String, AttributeValue> result = client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("created")))
                        .updateExpression("ADD visits :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))
                        .returnValues(ReturnValue.ALL_NEW))
                .attributes();

        assertThat(result).containsEntry("pk", s("created")).containsEntry("visits", n("1"));
    }

    @Test
    void updateItem_validationErrors_useAwsMessages() {
        assertThatThrownBy(() -> client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("v")))
                        .updateExpression("SET a = :x")
                        .expressionAttributeValues(Map.of(":x", n("1"), ":y", n("2")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}");
        assertThatThrownBy(() -> client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("v")))
                        .updateExpression("SET a = :x, a.b = :x")
                        .expressionAttributeValues(Map.of(":x", n("1")))))
                .hasMessageContaining("Two document paths overlap with each other")
                .hasMessageContaining("path one: [a], path two: [a, b]");
        assertThatThrownBy(() -> client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("v")))
                        .updateExpression("SET pk = :x")
                        .expressionAttributeValues(Map.of(":x", s("1")))))
                .hasMessageContaining("Cannot update attribute pk. This attribute is part of the key");
        assertThatThrownBy(() -> client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("v")))
                        .updateExpression("SET status = :x")
                        .expressionAttributeValues(Map.of(":x", s("1")))))
                .hasMessageContaining("Attribute name is a reserved keyword; reserved keyword: status");
        assertThatThrownBy(() -> client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("v")))
                        .updateExpression("SET a = :x +")
                        .expressionAttributeValues(Map.of(":x", n("1")))))
                .hasMessageContaining("Invalid UpdateExpression: Syntax error; token: \"<EOF>\"");
        client.putItem(r -> r.tableName("items").item(item("pk", s("v"), "str", s("text"))));
        assertThatThrownBy(() -> client.updateItem(r -> r.tableName("items")
                        .key(item("pk", s("v")))
                        .updateExpression("SET str = str + :x")
                        .expressionAttributeValues(Map.of(":x", n("1")))))
                .hasMessageContaining("An operand in the update expression has an incorrect data type");
    }

    @Test
    void deleteItem_withConditionAndReturnValues() {
        client.putItem(r -> r.tableName("items").item(item("pk", s("del"), "v", n("5"))));

        assertThatThrownBy(() -> client.deleteItem(r -> r.tableName("items")
                        .key(item("pk", s("del")))
                        .conditionExpression("v > :max")
                        .expressionAttributeValues(Map.of(":max", n("10")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        Map<String, AttributeValue> old = client.deleteItem(r -> r.tableName("items")
                        .key(item("pk", s("del")))
                        .conditionExpression("v BETWEEN :low AND :high")
                        .expressionAttributeValues(Map.of(":low", n("1"), ":high", n("5")))
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();

        assertThat(old).containsEntry("v", n("5"));
        assertThat(client.getItem(r -> r.tableName("items").key(item("pk", s("del"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void keyRules_rejectWrongTypesEmptyKeysAndExtraKeyAttributes() {
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items").item(item("pk", n("1")))))
                .hasMessageContaining("Type mismatch for key pk expected: S actual: N");
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items").item(item("pk", s("")))))
                .hasMessageContaining("cannot contain an empty string value. Key: pk");
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items").item(item("other", s("x")))))
                .hasMessageContaining("Missing the key pk in the item");
        assertThatThrownBy(() -> client.getItem(r -> r.tableName("items").key(item("pk", s("a"), "x", s("b")))))
                .hasMessageContaining("The provided key element does not match the schema");
        assertThatThrownBy(() -> client.getItem(r -> r.tableName("nope").key(item("pk", s("a")))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tableArn_isAcceptedWhereverATableNameIs() {
        String arn = client.describeTable(r -> r.tableName("items")).table().tableArn();
        client.putItem(r -> r.tableName(arn).item(item("pk", s("by-arn"))));
        assertThat(client.getItem(r -> r.tableName(arn).key(item("pk", s("by-arn"))))
                        .hasItem())
                .isTrue();
        assertThatThrownBy(() ->
                        client.getItem(r -> r.tableName("arn:aws:s3:::bucket").key(item("pk", s("x")))))
                .hasMessageContaining("is neither a table name nor a table ARN");
    }

    @Test
    void itemSize_over400KiB_isRejected() {
        String big = "x".repeat(400 * 1024);
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items").item(item("pk", s("big"), "v", s(big)))))
                .hasMessageContaining("Item size has exceeded the maximum allowed size");
        String fits = "x".repeat(400 * 1024 - 20);
        client.putItem(r -> r.tableName("items").item(item("pk", s("fits"), "v", s(fits))));
        assertThat(client.getItem(r -> r.tableName("items").key(item("pk", s("fits"))))
                        .item()
                        .get("v")
                        .s())
                .hasSize(fits.length());
    }

    @Test
    void numbers_precisionAndRangeRules() {
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items")
                        .item(item("pk", s("num"), "v", n("1234567890123456789012345678901234567890")))))
                .hasMessageContaining("Attempting to store more than 38 significant digits in a Number");
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items").item(item("pk", s("num"), "v", n("1E+126")))))
                .hasMessageContaining("Number overflow");
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items").item(item("pk", s("num"), "v", n("abc")))))
                .hasMessageContaining("cannot be converted into a number");
        client.putItem(r -> r.tableName("items").item(item("pk", s("num"), "v", n("-0.000100"))));
        assertThat(client.getItem(r -> r.tableName("items").key(item("pk", s("num"))))
                        .item()
                        .get("v")
                        .n())
                .isEqualTo("-0.0001");
    }

    @Test
    void conditionExpression_precedenceAndFunctions() {
        client.putItem(r -> r.tableName("items")
                .item(item(
                        "pk",
                        s("fn"),
                        "name",
                        s("alice"),
                        "tags",
                        AttributeValue.fromSs(List.of("x", "y")),
                        "n",
                        n("3"))));
        Map<String, AttributeValue> values =
                Map.of(":a", s("al"), ":x", s("x"), ":three", n("3"), ":s", s("S"), ":five", n("5"));

        // NOT binds tighter than AND, AND tighter than OR: false OR (true AND true) => true
        client.putItem(r -> r.tableName("items")
                .item(item(
                        "pk",
                        s("fn"),
                        "name",
                        s("alice"),
                        "tags",
                        AttributeValue.fromSs(List.of("x", "y")),
                        "n",
                        n("3")))
                .conditionExpression("NOT begins_with(#name, :a) OR contains(tags, :x) AND size(tags) < :three "
                        + "AND attribute_type(#name, :s) AND n IN (:five, :three)")
                .expressionAttributeNames(Map.of("#name", "name"))
                .expressionAttributeValues(values));
        // (false OR true) AND false => false
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items")
                        .item(item("pk", s("fn")))
                        .conditionExpression(
                                "(NOT begins_with(#name, :a) OR contains(tags, :x)) AND size(tags) > :three "
                                        + "AND attribute_type(#name, :s) AND n IN (:five, :three)")
                        .expressionAttributeNames(Map.of("#name", "name"))
                        .expressionAttributeValues(values)))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }
}
