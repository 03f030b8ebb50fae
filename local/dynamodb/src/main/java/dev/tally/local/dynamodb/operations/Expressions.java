package dev.tally.local.dynamodb.operations;

import dev.tally.local.dynamodb.expression.Condition;
import dev.tally.local.dynamodb.expression.ConditionEvaluator;
import dev.tally.local.dynamodb.expression.DocumentPath;
import dev.tally.local.dynamodb.expression.ExpressionContext;
import dev.tally.local.dynamodb.expression.ExpressionParser;
import dev.tally.local.dynamodb.expression.Projection;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValueJson;
import java.util.List;
import java.util.Map;

/** Parses the expressions of one request against its names and values. */
final class Expressions {

    private final Request request;
    private final ExpressionContext context;
    private boolean anyExpression;

    Expressions(Request request) {
        this.request = request;
        this.context = ExpressionContext.from(request.body());
    }

    ExpressionContext context() {
        return context;
    }

    /** A condition-like expression parameter, or null if absent. */
    Condition condition(String parameter) {
        String text = request.string(parameter);
        if (text == null) {
            return null;
        }
        anyExpression = true;
        return ExpressionParser.parseCondition(text, parameter, context);
    }

    /** The ProjectionExpression, or null if absent. */
    List<DocumentPath> projection() {
        String text = request.string("ProjectionExpression");
        if (text == null) {
            return null;
        }
        anyExpression = true;
        return ExpressionParser.parseProjection(text, context);
    }

    /** Marks that an expression was parsed elsewhere (update, key condition). */
    void used() {
        anyExpression = true;
    }

    /** Rejects names/values given without expressions, or not all used. */
    void finish() {
        if (!anyExpression && !context.isEmpty()) {
            throw ApiException.validation(
                    request.has("ExpressionAttributeNames")
                            ? "ExpressionAttributeNames can only be specified when using expressions"
                            : "ExpressionAttributeValues can only be specified when using expressions");
        }
        context.checkAllUsed();
    }

    static boolean matches(Condition condition, Map<String, AttributeValue> item) {
        return condition == null || ConditionEvaluator.matches(condition, item == null ? Map.of() : item);
    }

    static Map<String, AttributeValue> project(List<DocumentPath> paths, Map<String, AttributeValue> item) {
        return paths == null ? item : Projection.apply(paths, item);
    }

    /** A ConditionalCheckFailedException, carrying the old item when asked for with ALL_OLD. */
    static ApiException conditionFailed(String returnOnFailure, Map<String, AttributeValue> old) {
        ApiException failure = ApiException.conditionFailed();
        if ("ALL_OLD".equals(returnOnFailure) && old != null) {
            failure.extra().set("Item", AttributeValueJson.writeItem(old));
        }
        return failure;
    }
}
