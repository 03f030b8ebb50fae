package dev.tally.local.dynamodb.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, AttributeValue> item(String json) throws Exception {
        return AttributeValueJson.readItem(JSON.readTree(json), "Item");
    }

    private static final String VALUES =
            "{\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":ten\":{\"N\":\"10.0\"},"
                    + "\":x\":{\"S\":\"x\"},\":ab\":{\"S\":\"ab\"},\":list\":{\"L\":[{\"S\":\"z\"}]},\":ss\":{\"SS\":[\"b\"]},"
                    + "\":type\":{\"S\":\"SS\"},\":three\":{\"N\":\"3\"}}}";

    private static boolean matches(String condition, Map<String, AttributeValue> item) {
        ExpressionContext context = ExpressionParserTest.context(VALUES);
        return ConditionEvaluator.matches(
                ExpressionParser.parseCondition(condition, "ConditionExpression", context), item);
    }

    @Test
    void comparisons_followTypeRules() throws Exception {
        Map<String, AttributeValue> item =
                item("{\"n\":{\"N\":\"10\"},\"s\":{\"S\":\"abc\"},\"tags\":{\"SS\":[\"a\",\"b\"]}}");
        assertThat(matches("n = :ten", item)).isTrue();
        assertThat(matches("n > :one AND n >= :ten AND n <= :ten", item)).isTrue();
        assertThat(matches("s > :x", item)).isFalse();
        assertThat(matches("s < :one", item)).isFalse();
        assertThat(matches("absent = :one", item)).isFalse();
        assertThat(matches("absent <> :one", item)).isTrue();
        assertThat(matches("begins_with(s, :ab)", item)).isTrue();
        assertThat(matches("contains(s, :x)", item)).isFalse();
        assertThat(matches("contains(tags, :x)", item)).isFalse();
        assertThat(matches("attribute_type(tags, :type)", item)).isTrue();
        assertThat(matches("size(s) = :three AND size(tags) < :three", item)).isTrue();
        assertThat(matches("n IN (:one, :ten)", item)).isTrue();
        assertThat(matches("NOT n BETWEEN :one AND :ten", item)).isFalse();
        assertThat(matches("attribute_not_exists(absent) AND attribute_exists(s)", item))
                .isTrue();
    }

    @Test
    void update_evaluatesEveryActionAgainstTheOldItem() throws Exception {
        ExpressionContext context = ExpressionParserTest.context(VALUES);
        Map<String, AttributeValue> old = item(
                "{\"a\":{\"N\":\"1\"},\"b\":{\"N\":\"5\"},\"l\":{\"L\":[{\"S\":\"0\"},{\"S\":\"1\"},{\"S\":\"2\"}]},"
                        + "\"tags\":{\"SS\":[\"a\",\"b\"]}}");
        UpdateExpression update = UpdateExpressionParser.parse(
                "SET a = b, b = a, l = list_append(l, :list), c = if_not_exists(a, :ten) REMOVE tags", context);

        Map<String, AttributeValue> updated = UpdateApplier.apply(update, old);

        assertThat(updated.get("a")).isEqualTo(old.get("b"));
        assertThat(updated.get("b")).isEqualTo(old.get("a"));
        assertThat(((AttributeValue.ListValue) updated.get("l")).value()).hasSize(4);
        assertThat(updated.get("c")).isEqualTo(old.get("a"));
        assertThat(updated).doesNotContainKey("tags");
        assertThat(old).containsKey("tags");
    }

    @Test
    void update_removesListIndexesAgainstOldPositions() throws Exception {
        ExpressionContext context = ExpressionParserTest.context("{}");
        Map<String, AttributeValue> old =
                item("{\"l\":{\"L\":[{\"S\":\"0\"},{\"S\":\"1\"},{\"S\":\"2\"},{\"S\":\"3\"}]}}");

        Map<String, AttributeValue> updated =
                UpdateApplier.apply(UpdateExpressionParser.parse("REMOVE l[0], l[2]", context), old);

        assertThat(((AttributeValue.ListValue) updated.get("l")).value())
                .containsExactly(new AttributeValue.Str("1"), new AttributeValue.Str("3"));
    }

    @Test
    void update_setOnMissingParent_isInvalidPath_andArithmeticNeedsNumbers() throws Exception {
        ExpressionContext context = ExpressionParserTest.context(VALUES);
        assertThatThrownBy(() -> UpdateApplier.apply(UpdateExpressionParser.parse("SET m.x = :one", context), Map.of()))
                .hasMessage("The document path provided in the update expression is invalid for update");
        ExpressionContext again = ExpressionParserTest.context(VALUES);
        assertThatThrownBy(() ->
                        UpdateApplier.apply(UpdateExpressionParser.parse("SET a = absent + :one", again), Map.of()))
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void update_addAndDeleteOnSets() throws Exception {
        ExpressionContext context = ExpressionParserTest.context(VALUES);
        Map<String, AttributeValue> old = item("{\"tags\":{\"SS\":[\"a\",\"b\"]},\"n\":{\"N\":\"1\"}}");
        Map<String, AttributeValue> updated =
                UpdateApplier.apply(UpdateExpressionParser.parse("ADD n :ten DELETE tags :ss", context), old);
        assertThat(updated.get("n")).isEqualTo(new AttributeValue.Num(new java.math.BigDecimal("11")));
        assertThat(((AttributeValue.StrSet) updated.get("tags")).value()).containsExactly("a");
    }

    @Test
    void projection_keepsListOrderAndNesting() throws Exception {
        Map<String, AttributeValue> item = item(
                "{\"a\":{\"M\":{\"l\":{\"L\":[{\"S\":\"0\"},{\"S\":\"1\"},{\"S\":\"2\"}]},\"x\":{\"S\":\"x\"}}},\"b\":{\"S\":\"b\"}}");
        List<DocumentPath> paths = ExpressionParser.parseProjection("a.l[2], a.l[0], nope", ExpressionContext.empty());

        Map<String, AttributeValue> projected = Projection.apply(paths, item);

        assertThat(projected).containsOnlyKeys("a");
        AttributeValue.MapValue a = (AttributeValue.MapValue) projected.get("a");
        assertThat(((AttributeValue.ListValue) a.value().get("l")).value())
                .containsExactly(new AttributeValue.Str("0"), new AttributeValue.Str("2"));
    }
}
