package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.AttributeValue;
import java.util.List;

/**
 * A parsed UpdateExpression: its SET, REMOVE, ADD and DELETE actions in the order written.
 *
 * @param actions the actions
 */
public record UpdateExpression(List<Action> actions) {

    /** Copies the actions. */
    public UpdateExpression {
        actions = List.copyOf(actions);
    }

    /** One action on one path. */
    public sealed interface Action permits SetAction, RemoveAction, AddAction, DeleteAction {
        /** The path the action writes. */
        DocumentPath path();
    }

    /** {@code SET path = value}. */
    public record SetAction(DocumentPath path, Operand value) implements Action {}

    /** {@code REMOVE path}. */
    public record RemoveAction(DocumentPath path) implements Action {}

    /** {@code ADD path :value}. */
    public record AddAction(DocumentPath path, AttributeValue value) implements Action {}

    /** {@code DELETE path :value}. */
    public record DeleteAction(DocumentPath path, AttributeValue value) implements Action {}

    /** The paths written, in order. */
    public List<DocumentPath> paths() {
        return actions.stream().map(Action::path).toList();
    }
}
