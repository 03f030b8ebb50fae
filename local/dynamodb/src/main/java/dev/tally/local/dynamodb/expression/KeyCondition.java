package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated KeyConditionExpression: equality on the partition key and at most one condition
 * (=, &lt;, &lt;=, &gt;, &gt;=, BETWEEN, begins_with) on the sort key.
 *
 * @param hashValue the partition key value
 * @param sortCondition the sort key condition, or null
 */
public record KeyCondition(AttributeValue hashValue, Condition sortCondition) {

    private static final String KIND = "KeyConditionExpression";
    private static final Set<String> SORT_OPERATORS = Set.of("=", "<", "<=", ">", ">=");

    /** Parses and validates against the key schema of the table or index queried. */
    public static KeyCondition parse(
            String text,
            ExpressionContext context,
            String hashKey,
            String hashType,
            String rangeKey,
            String rangeType) {
        Condition parsed = ExpressionParser.parseCondition(text, KIND, context);
        List<Condition> parts = new ArrayList<>();
        flatten(parsed, parts);
        AttributeValue hashValue = null;
        Condition sortCondition = null;
        for (Condition part : parts) {
            String attribute = keyAttribute(part);
            if (attribute.equals(hashKey)) {
                if (hashValue != null) {
                    throw ApiException.validation("KeyConditionExpressions must only contain one condition per key");
                }
                if (!(part instanceof Condition.Compare compare)
                        || !compare.operator().equals("=")) {
                    throw ApiException.validation("Query key condition not supported");
                }
                hashValue = literals(part).get(0);
                checkType(hashValue, hashType);
            } else if (attribute.equals(rangeKey)) {
                if (sortCondition != null) {
                    throw ApiException.validation("KeyConditionExpressions must only contain one condition per key");
                }
                for (AttributeValue value : literals(part)) {
                    checkType(value, rangeType);
                }
                sortCondition = part;
            } else {
                throw ApiException.validation("Query condition missed key schema element: " + hashKey);
            }
        }
        if (hashValue == null) {
            throw ApiException.validation("Query condition missed key schema element: " + hashKey);
        }
        return new KeyCondition(hashValue, sortCondition);
    }

    /** Whether an item's sort key satisfies the sort condition. */
    public boolean sortMatches(Map<String, AttributeValue> item) {
        return sortCondition == null || ConditionEvaluator.matches(sortCondition, item);
    }

    private static void flatten(Condition condition, List<Condition> parts) {
        if (condition instanceof Condition.And and) {
            flatten(and.left(), parts);
            flatten(and.right(), parts);
        } else if (condition instanceof Condition.Or) {
            throw invalidOperator("OR");
        } else if (condition instanceof Condition.Not) {
            throw invalidOperator("NOT");
        } else if (condition instanceof Condition.In) {
            throw invalidOperator("IN");
        } else {
            parts.add(condition);
        }
    }

    private static String keyAttribute(Condition part) {
        Operand subject;
        if (part instanceof Condition.Compare compare) {
            if (!SORT_OPERATORS.contains(compare.operator())) {
                throw invalidOperator(compare.operator());
            }
            subject = compare.left() instanceof Operand.ValueOperand ? compare.right() : compare.left();
            Operand other = subject == compare.left() ? compare.right() : compare.left();
            if (!(other instanceof Operand.ValueOperand)) {
                throw ApiException.validation("Invalid " + KIND + ": The key condition compares two attributes; "
                        + "one side must be an expression attribute value");
            }
        } else if (part instanceof Condition.Between between) {
            subject = between.value();
        } else {
            Condition.Function function = (Condition.Function) part;
            if (!function.name().equals("begins_with")) {
                throw invalidOperator(function.name());
            }
            subject = function.arguments().get(0);
        }
        if (!(subject instanceof Operand.PathOperand path) || !path.path().isTopLevel()) {
            throw ApiException.validation("Invalid " + KIND + ": Key conditions must name top-level key attributes");
        }
        return path.path().attribute();
    }

    private static List<AttributeValue> literals(Condition part) {
        List<Operand> operands = part instanceof Condition.Compare c
                ? List.of(c.left(), c.right())
                : part instanceof Condition.Between b
                        ? List.of(b.low(), b.high())
                        : ((Condition.Function) part).arguments();
        List<AttributeValue> values = new ArrayList<>();
        for (Operand operand : operands) {
            if (operand instanceof Operand.ValueOperand value) {
                values.add(value.value());
            } else if (!(operand instanceof Operand.PathOperand)) {
                throw ApiException.validation("Invalid " + KIND + ": Only attribute values may be compared with keys");
            }
        }
        return values;
    }

    private static void checkType(AttributeValue value, String type) {
        if (!value.type().equals(type)) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
    }

    private static ApiException invalidOperator(String operator) {
        return ApiException.validation(
                "Invalid " + KIND + ": Invalid operator used in KeyConditionExpression: " + operator);
    }
}
