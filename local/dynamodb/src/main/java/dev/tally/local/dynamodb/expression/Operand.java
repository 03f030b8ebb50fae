package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.AttributeValue;

/** A value-producing part of an expression. */
public sealed interface Operand {

    /** An attribute of the item. */
    record PathOperand(DocumentPath path) implements Operand {}

    /** A placeholder from ExpressionAttributeValues. */
    record ValueOperand(String placeholder, AttributeValue value) implements Operand {}

    /** {@code size(path)}. */
    record Size(DocumentPath path) implements Operand {}

    /** {@code if_not_exists(path, operand)} (update expressions only). */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {}

    /** {@code list_append(a, b)} (update expressions only). */
    record ListAppend(Operand first, Operand second) implements Operand {}

    /** {@code a + b} or {@code a - b} (update expressions only). */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {}
}
