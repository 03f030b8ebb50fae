package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.AttributeValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A recursive-descent parser for UpdateExpression with AWS's validation of the parsed actions. */
public final class UpdateExpressionParser extends TokenCursor {

    private static final String KIND = "UpdateExpression";

    private UpdateExpressionParser(String text, ExpressionContext context) {
        super(text, KIND, context);
    }

    /** Parses and validates an update expression. */
    public static UpdateExpression parse(String text, ExpressionContext context) {
        UpdateExpressionParser parser = new UpdateExpressionParser(text, context);
        UpdateExpression expression = new UpdateExpression(parser.clauses());
        parser.checkOverlaps(expression.paths());
        return expression;
    }

    private List<UpdateExpression.Action> clauses() {
        List<UpdateExpression.Action> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        do {
            Token keyword = next();
            String clause = keyword.kind() == Token.Kind.NAME ? keyword.text().toUpperCase(Locale.ROOT) : "";
            if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(clause)) {
                throw syntaxError(keyword);
            }
            if (!seen.add(clause)) {
                throw invalid("The \"" + clause + "\" section can only be used once in an update expression;");
            }
            do {
                actions.add(action(clause));
            } while (accept(","));
        } while (peek().kind() != Token.Kind.EOF);
        return actions;
    }

    private UpdateExpression.Action action(String clause) {
        DocumentPath path = path();
        switch (clause) {
            case "SET":
                expect("=");
                return new UpdateExpression.SetAction(path, setValue());
            case "REMOVE":
                return new UpdateExpression.RemoveAction(path);
            case "ADD": {
                AttributeValue value = literal();
                if (!value.type().equals("N") && !value.isSet()) {
                    throw invalid("Incorrect operand type for operator or function; operator: ADD, operand type: "
                            + Values.longTypeName(value));
                }
                return new UpdateExpression.AddAction(path, value);
            }
            default: {
                AttributeValue value = literal();
                if (!value.isSet()) {
                    throw invalid("Incorrect operand type for operator or function; operator: DELETE, operand type: "
                            + Values.longTypeName(value));
                }
                return new UpdateExpression.DeleteAction(path, value);
            }
        }
    }

    private AttributeValue literal() {
        Token token = next();
        if (token.kind() != Token.Kind.VALUE) {
            throw syntaxError(token);
        }
        return context.value(token.text(), kind);
    }

    private Operand setValue() {
        Operand left = setOperand();
        if (peek().is("+") || peek().is("-")) {
            boolean plus = next().text().equals("+");
            Operand right = setOperand();
            requireLiteralType(left, "N", plus ? "+" : "-");
            requireLiteralType(right, "N", plus ? "+" : "-");
            return new Operand.Arithmetic(left, plus, right);
        }
        return left;
    }

    private Operand setOperand() {
        Token token = peek();
        if (token.kind() == Token.Kind.VALUE) {
            next();
            return new Operand.ValueOperand(token.text(), context.value(token.text(), kind));
        }
        if (token.kind() == Token.Kind.NAME && peekAhead(1).is("(")) {
            String name = next().text();
            expect("(");
            descend();
            Operand result;
            if (name.equals("if_not_exists")) {
                if (!atPathStart()) {
                    throw invalid("Operator or function requires a document path; operator or function: if_not_exists");
                }
                DocumentPath path = path();
                expect(",");
                result = new Operand.IfNotExists(path, setOperand());
            } else if (name.equals("list_append")) {
                Operand first = setOperand();
                expect(",");
                Operand second = setOperand();
                requireLiteralType(first, "L", "list_append");
                requireLiteralType(second, "L", "list_append");
                result = new Operand.ListAppend(first, second);
            } else if (Set.of(
                            "attribute_exists",
                            "attribute_not_exists",
                            "attribute_type",
                            "begins_with",
                            "contains",
                            "size")
                    .contains(name)) {
                throw invalid("The function is not allowed in an update expression; function: " + name);
            } else {
                throw invalid("Invalid function name; function: " + name);
            }
            expect(")");
            ascend();
            return result;
        }
        if (token.kind() == Token.Kind.NAME || token.kind() == Token.Kind.ALIAS) {
            return new Operand.PathOperand(path());
        }
        throw syntaxError();
    }

    private void requireLiteralType(Operand operand, String type, String operator) {
        if (operand instanceof Operand.ValueOperand value
                && !value.value().type().equals(type)) {
            throw invalid("Incorrect operand type for operator or function; operator or function: " + operator
                    + ", operand type: " + value.value().type());
        }
    }

    private void checkOverlaps(List<DocumentPath> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (paths.get(i).overlaps(paths.get(j))) {
                    throw invalid(
                            "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                                    + paths.get(i).describe() + ", path two: "
                                    + paths.get(j).describe());
                }
            }
        }
    }
}
