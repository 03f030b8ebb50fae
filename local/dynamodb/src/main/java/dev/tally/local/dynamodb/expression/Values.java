package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValue.Bin;
import dev.tally.local.dynamodb.model.AttributeValue.Num;
import dev.tally.local.dynamodb.model.AttributeValue.Str;
import dev.tally.local.dynamodb.model.KeyValue;
import dev.tally.local.dynamodb.model.Numbers;
import java.util.Base64;

/** Small helpers over attribute values used by the evaluator and the parser. */
final class Values {

    private Values() {}

    static boolean isOrderable(AttributeValue value) {
        return value instanceof Str || value instanceof Num || value instanceof Bin;
    }

    static int compare(AttributeValue left, AttributeValue right) {
        return KeyValue.compare(left, right);
    }

    static String display(AttributeValue value) {
        if (value instanceof Str s) {
            return s.value();
        }
        if (value instanceof Num n) {
            return Numbers.format(n.value());
        }
        if (value instanceof Bin b) {
            return Base64.getEncoder().encodeToString(b.value());
        }
        return value.toString();
    }

    static String typeOf(Operand operand) {
        return operand instanceof Operand.ValueOperand value ? value.value().type() : "PATH";
    }

    /** AWS's long type names used in update-expression errors (STRING, NUMBER_SET, ...). */
    static String longTypeName(AttributeValue value) {
        switch (value.type()) {
            case "S":
                return "STRING";
            case "N":
                return "NUMBER";
            case "B":
                return "BINARY";
            case "SS":
                return "STRING_SET";
            case "NS":
                return "NUMBER_SET";
            case "BS":
                return "BINARY_SET";
            case "M":
                return "MAP";
            case "L":
                return "LIST";
            case "BOOL":
                return "BOOLEAN";
            default:
                return "NULL";
        }
    }
}
