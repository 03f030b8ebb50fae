package dev.tally.local.dynamodb.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.dynamodb.model.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ExpressionContext context(String json) {
        try {
            return ExpressionContext.from(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ExpressionContext VALUES = context(
            "{\"ExpressionAttributeValues\":{\":a\":{\"N\":\"1\"},\":b\":{\"N\":\"2\"},\":c\":{\"N\":\"3\"},\":s\":{\"S\":\"x\"}},"
                    + "\"ExpressionAttributeNames\":{\"#n\":\"name\"}}");

    private static Condition parse(String text) {
        return ExpressionParser.parseCondition(text, "ConditionExpression", VALUES);
    }

    @Test
    void parseCondition_orBindsLooserThanAnd() {
        Condition condition = parse("x = :a OR y = :b AND z = :c");
        assertThat(condition).isInstanceOf(Condition.Or.class);
        assertThat(((Condition.Or) condition).right()).isInstanceOf(Condition.And.class);
    }

    @Test
    void parseCondition_notBindsTighterThanAnd() {
        Condition condition = parse("NOT x = :a AND y = :b");
        assertThat(condition).isInstanceOf(Condition.And.class);
        assertThat(((Condition.And) condition).left()).isInstanceOf(Condition.Not.class);
    }

    @Test
    void parseCondition_parenthesesOverridePrecedence() {
        Condition condition = parse("(x = :a OR y = :b) AND z = :c");
        assertThat(condition).isInstanceOf(Condition.And.class);
        assertThat(((Condition.And) condition).left()).isInstanceOf(Condition.Or.class);
    }

    @Test
    void parseCondition_redundantParentheses_areRejectedAsAwsDoes() {
        assertThat(parse("(x = :a)")).isInstanceOf(Condition.Compare.class);
        assertThat(parse("((x = :a) OR y = :b) AND z = :c")).isInstanceOf(Condition.And.class);
        assertThatThrownBy(() -> parse("((x = :a))"))
                .hasMessage("Invalid ConditionExpression: The expression has redundant parentheses;");
        assertThatThrownBy(() -> parse("x = :a AND ((y = :b OR z = :c))"))
                .hasMessageContaining("redundant parentheses");
    }

    @Test
    void parseCondition_betweenAndInsideAnd_isNotConfused() {
        Condition condition = parse("x BETWEEN :a AND :b AND y IN (:a, :b, :c)");
        assertThat(condition).isInstanceOf(Condition.And.class);
        Condition.And and = (Condition.And) condition;
        assertThat(and.left()).isInstanceOf(Condition.Between.class);
        assertThat(((Condition.In) and.right()).candidates()).hasSize(3);
    }

    @Test
    void parseCondition_keywordsAreCaseInsensitive_functionsAndNestedPaths() {
        Condition condition = parse("attribute_exists(a.b[3].#n) and not contains(l, :s) or size(#n) >= :a");
        assertThat(condition).isInstanceOf(Condition.Or.class);
        Condition.And and = (Condition.And) ((Condition.Or) condition).left();
        Condition.Function exists = (Condition.Function) and.left();
        DocumentPath path = ((Operand.PathOperand) exists.arguments().get(0)).path();
        assertThat(path.elements())
                .containsExactly(
                        new DocumentPath.Field("a"),
                        new DocumentPath.Field("b"),
                        new DocumentPath.Index(3),
                        new DocumentPath.Field("name"));
    }

    @Test
    void parseCondition_errorsNameTheProblem() {
        assertThatThrownBy(() -> parse("x = :missing"))
                .isInstanceOf(ApiException.class)
                .hasMessage(
                        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :missing");
        assertThatThrownBy(() -> parse("#nope = :a"))
                .hasMessageContaining(
                        "An expression attribute name used in the document path is not defined; attribute name: #nope");
        assertThatThrownBy(() -> parse("size = :a"))
                .hasMessageContaining("Attribute name is a reserved keyword; reserved keyword: size");
        assertThatThrownBy(() -> parse("x = = :a")).hasMessageContaining("Syntax error; token: \"=\"");
        assertThatThrownBy(() -> parse("x = :a AND")).hasMessageContaining("Syntax error; token: \"<EOF>\"");
        assertThatThrownBy(() -> parse("foo(x)")).hasMessageContaining("Invalid function name; function: foo");
        assertThatThrownBy(() -> parse("size(x)"))
                .hasMessageContaining(
                        "The function is not allowed to be used this way in an expression; function: size");
        assertThatThrownBy(() -> parse("attribute_exists(x, y)"))
                .hasMessageContaining(
                        "Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2");
        assertThatThrownBy(() -> parse("begins_with(x, :a)"))
                .hasMessageContaining(
                        "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        assertThatThrownBy(() -> parse("x BETWEEN :c AND :a"))
                .hasMessageContaining(
                        "The BETWEEN operator requires upper bound to be greater than or equal to lower bound");
        assertThatThrownBy(() -> parse("attribute_type(x, :a)"))
                .hasMessageContaining("operator or function: attribute_type, operand type: N");
    }

    @Test
    void unusedValuesAndNames_areReportedWithAwsText() {
        ExpressionContext context =
                context("{\"ExpressionAttributeValues\":{\":a\":{\"N\":\"1\"},\":x\":{\"N\":\"1\"}}}");
        ExpressionParser.parseCondition("v = :a", "ConditionExpression", context);
        assertThatThrownBy(context::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
        ExpressionContext names = context("{\"ExpressionAttributeNames\":{\"#a\":\"a\",\"#b\":\"b\"}}");
        ExpressionParser.parseCondition("attribute_exists(#a)", "ConditionExpression", names);
        assertThatThrownBy(names::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
    }

    @Test
    void parseProjection_rejectsOverlaps() {
        assertThat(ExpressionParser.parseProjection("a, b.c, d[1]", ExpressionContext.empty()))
                .hasSize(3);
        assertThatThrownBy(() -> ExpressionParser.parseProjection("a.b, a", ExpressionContext.empty()))
                .hasMessageContaining(
                        "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]");
    }

    @Test
    void parseUpdate_clausesActionsAndValidation() {
        ExpressionContext context =
                context("{\"ExpressionAttributeValues\":{\":a\":{\"N\":\"1\"},\":ss\":{\"SS\":[\"x\"]},"
                        + "\":l\":{\"L\":[]},\":s\":{\"S\":\"x\"}}}");
        UpdateExpression update = UpdateExpressionParser.parse(
                "set a = a + :a, b = if_not_exists(b, :a), c = list_append(:l, c) remove d, e[1] add f :a delete g :ss",
                context);
        assertThat(update.actions()).hasSize(7);
        assertThat(update.actions().get(0)).isInstanceOf(UpdateExpression.SetAction.class);
        assertThat(((UpdateExpression.SetAction) update.actions().get(0)).value())
                .isInstanceOf(Operand.Arithmetic.class);
        assertThat(update.actions().get(3)).isInstanceOf(UpdateExpression.RemoveAction.class);
        assertThat(update.actions().get(6)).isInstanceOf(UpdateExpression.DeleteAction.class);

        assertThatThrownBy(() -> UpdateExpressionParser.parse("SET a = :a SET b = :a", context))
                .hasMessageContaining("The \"SET\" section can only be used once in an update expression;");
        assertThatThrownBy(() -> UpdateExpressionParser.parse("SET a = :a REMOVE a", context))
                .hasMessageContaining(
                        "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
        assertThatThrownBy(() -> UpdateExpressionParser.parse("ADD a :s", context))
                .hasMessage(
                        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
        assertThatThrownBy(() -> UpdateExpressionParser.parse("DELETE a :a", context))
                .hasMessageContaining("operator: DELETE, operand type: NUMBER");
        assertThatThrownBy(() -> UpdateExpressionParser.parse("SET a = size(b)", context))
                .hasMessageContaining("The function is not allowed in an update expression; function: size");
        assertThatThrownBy(() -> UpdateExpressionParser.parse("SET a = :s + :a", context))
                .hasMessageContaining(
                        "Incorrect operand type for operator or function; operator or function: +, operand type: S");
        assertThatThrownBy(() -> UpdateExpressionParser.parse("UPSERT a = :a", context))
                .hasMessageContaining("Syntax error; token: \"UPSERT\"");
    }

    @Test
    void keyCondition_acceptsOnlyKeyShapes() {
        ExpressionContext context = context(
                "{\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p\"},\":a\":{\"N\":\"1\"},\":b\":{\"N\":\"2\"}}}");
        KeyCondition key = KeyCondition.parse("pk = :p AND sk BETWEEN :a AND :b", context, "pk", "S", "sk", "N");
        assertThat(key.sortCondition()).isInstanceOf(Condition.Between.class);
        assertThatThrownBy(() -> KeyCondition.parse("pk = :p AND sk <> :a", context, "pk", "S", "sk", "N"))
                .hasMessageContaining("Invalid operator used in KeyConditionExpression: <>");
        assertThatThrownBy(() -> KeyCondition.parse("pk = :p AND pk = :p", context, "pk", "S", "sk", "N"))
                .hasMessageContaining("KeyConditionExpressions must only contain one condition per key");
        assertThatThrownBy(() -> KeyCondition.parse("pk > :p", context, "pk", "S", "sk", "N"))
                .hasMessageContaining("Query key condition not supported");
        assertThatThrownBy(() -> KeyCondition.parse("pk = :p AND extra = :a", context, "pk", "S", "sk", "N"))
                .hasMessageContaining("Query condition missed key schema element");
    }

    @Test
    void tokenizer_rejectsStrayCharacters() {
        assertThatThrownBy(() -> parse("x = :a ; drop")).hasMessageContaining("Syntax error; token: \";\"");
        assertThat(Tokenizer.tokenize("a.b[10] <> :v", "X"))
                .extracting(Token::text)
                .containsExactly("a", ".", "b", "[", "10", "]", "<>", ":v", "<EOF>");
        assertThat(List.of(Tokenizer.tokenize("a<=b", "X").get(1).text())).containsExactly("<=");
    }

    @Test
    void parseCondition_deepNesting_isAValidationError_notAStackOverflow() {
        assertThatThrownBy(() -> parse("(".repeat(2000) + "x = :a" + ")".repeat(2000)))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> parse("NOT ".repeat(1000) + "x = :a"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("nested too deeply");
        assertThat(parse("(".repeat(20) + "x = :a" + " OR y = :b)".repeat(20))).isInstanceOf(Condition.Or.class);
    }

    @Test
    void parseCondition_over4Kb_isRefusedAsAwsDoes() {
        String longName = "x".repeat(4097);
        assertThatThrownBy(() -> parse(longName + " = :a"))
                .isInstanceOf(ApiException.class)
                .hasMessage(
                        "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4102");
    }
}
