package dev.tally.local.dynamodb.expression;

import java.util.List;

/** A parsed condition (ConditionExpression, FilterExpression, KeyConditionExpression). */
public sealed interface Condition {

    /** {@code left op right} with op one of = <> < <= > >=. */
    record Compare(String operator, Operand left, Operand right) implements Condition {}

    /** {@code value BETWEEN low AND high}. */
    record Between(Operand value, Operand low, Operand high) implements Condition {}

    /** {@code value IN (a, b, ...)}. */
    record In(Operand value, List<Operand> candidates) implements Condition {}

    /** {@code a AND b}. */
    record And(Condition left, Condition right) implements Condition {}

    /** {@code a OR b}. */
    record Or(Condition left, Condition right) implements Condition {}

    /** {@code NOT a}. */
    record Not(Condition inner) implements Condition {}

    /**
     * A boolean function: attribute_exists, attribute_not_exists, attribute_type, begins_with,
     * contains.
     */
    record Function(String name, List<Operand> arguments) implements Condition {}
}
