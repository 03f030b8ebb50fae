package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValue.Bin;
import dev.tally.local.dynamodb.model.AttributeValue.BinSet;
import dev.tally.local.dynamodb.model.AttributeValue.ListValue;
import dev.tally.local.dynamodb.model.AttributeValue.MapValue;
import dev.tally.local.dynamodb.model.AttributeValue.Num;
import dev.tally.local.dynamodb.model.AttributeValue.NumSet;
import dev.tally.local.dynamodb.model.AttributeValue.Str;
import dev.tally.local.dynamodb.model.AttributeValue.StrSet;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Evaluates a parsed condition against an item. A missing attribute makes comparisons false
 * ({@code <>} true), as do comparisons between different types, as in DynamoDB.
 */
public final class ConditionEvaluator {

    private ConditionEvaluator() {}

    /** Whether the item (empty when absent) satisfies the condition. */
    public static boolean matches(Condition condition, Map<String, AttributeValue> item) {
        if (condition instanceof Condition.And and) {
            return matches(and.left(), item) && matches(and.right(), item);
        }
        if (condition instanceof Condition.Or or) {
            return matches(or.left(), item) || matches(or.right(), item);
        }
        if (condition instanceof Condition.Not not) {
            return !matches(not.inner(), item);
        }
        if (condition instanceof Condition.Compare compare) {
            return compare(compare.operator(), resolve(compare.left(), item), resolve(compare.right(), item));
        }
        if (condition instanceof Condition.Between between) {
            AttributeValue value = resolve(between.value(), item);
            return compare(">=", value, resolve(between.low(), item))
                    && compare("<=", value, resolve(between.high(), item));
        }
        if (condition instanceof Condition.In in) {
            AttributeValue value = resolve(in.value(), item);
            return value != null && in.candidates().stream().anyMatch(c -> value.equals(resolve(c, item)));
        }
        return function((Condition.Function) condition, item);
    }

    private static boolean function(Condition.Function function, Map<String, AttributeValue> item) {
        AttributeValue first = resolve(function.arguments().get(0), item);
        switch (function.name()) {
            case "attribute_exists":
                return first != null;
            case "attribute_not_exists":
                return first == null;
            case "attribute_type":
                return first != null
                        && first.type()
                                .equals(((Str) resolve(function.arguments().get(1), item)).value());
            case "begins_with":
                return beginsWith(first, resolve(function.arguments().get(1), item));
            default:
                return contains(first, resolve(function.arguments().get(1), item));
        }
    }

    private static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        if (value instanceof Str s && prefix instanceof Str p) {
            return s.value().startsWith(p.value());
        }
        if (value instanceof Bin b && prefix instanceof Bin p) {
            return b.value().length >= p.value().length
                    && Arrays.equals(b.value(), 0, p.value().length, p.value(), 0, p.value().length);
        }
        return false;
    }

    private static boolean contains(AttributeValue value, AttributeValue operand) {
        if (value == null || operand == null) {
            return false;
        }
        if (value instanceof Str s && operand instanceof Str o) {
            return s.value().contains(o.value());
        }
        if (value instanceof Bin b && operand instanceof Bin o) {
            return indexOf(b.value(), o.value()) >= 0;
        }
        if (value instanceof StrSet set && operand instanceof Str o) {
            return set.value().contains(o.value());
        }
        if (value instanceof NumSet set && operand instanceof Num o) {
            return set.value().contains(o.value());
        }
        if (value instanceof BinSet set && operand instanceof Bin o) {
            return set.value().contains(o);
        }
        if (value instanceof ListValue list) {
            return list.value().contains(operand);
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean compare(String operator, AttributeValue left, AttributeValue right) {
        if (left == null || right == null) {
            return operator.equals("<>");
        }
        switch (operator) {
            case "=":
                return left.equals(right);
            case "<>":
                return !left.equals(right);
            default:
                if (!left.type().equals(right.type()) || !Values.isOrderable(left)) {
                    return false;
                }
                int order = Values.compare(left, right);
                switch (operator) {
                    case "<":
                        return order < 0;
                    case "<=":
                        return order <= 0;
                    case ">":
                        return order > 0;
                    default:
                        return order >= 0;
                }
        }
    }

    /** The value of an operand (null when a path is absent). */
    public static AttributeValue resolve(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.ValueOperand value) {
            return value.value();
        }
        if (operand instanceof Operand.PathOperand path) {
            return DocumentPaths.get(item, path.path());
        }
        if (operand instanceof Operand.Size size) {
            AttributeValue value = DocumentPaths.get(item, size.path());
            Integer length = sizeOf(value);
            return length == null ? null : new Num(BigDecimal.valueOf(length));
        }
        throw new IllegalStateException("update-only operand in a condition: " + operand);
    }

    private static Integer sizeOf(AttributeValue value) {
        if (value instanceof Str s) {
            return s.value().codePointCount(0, s.value().length());
        }
        if (value instanceof Bin b) {
            return b.value().length;
        }
        if (value instanceof StrSet s) {
            return s.value().size();
        }
        if (value instanceof NumSet s) {
            return s.value().size();
        }
        if (value instanceof BinSet s) {
            return s.value().size();
        }
        if (value instanceof MapValue m) {
            return m.value().size();
        }
        if (value instanceof ListValue l) {
            return l.value().size();
        }
        return null;
    }
}
