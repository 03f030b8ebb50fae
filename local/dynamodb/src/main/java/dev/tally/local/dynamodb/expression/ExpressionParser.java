package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for condition, filter and key-condition expressions and for
 * projection expressions. Precedence, lowest first: OR, AND, NOT, then comparisons, IN, BETWEEN
 * and functions, with parentheses overriding.
 */
public final class ExpressionParser extends TokenCursor {

    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    private static final Set<String> TYPES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

    private final java.util.IdentityHashMap<Condition, Boolean> parenthesized = new java.util.IdentityHashMap<>();

    ExpressionParser(String text, String kind, ExpressionContext context) {
        super(text, kind, context);
    }

    /** Parses a whole condition; {@code kind} names it in errors, e.g. "ConditionExpression". */
    public static Condition parseCondition(String text, String kind, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser(text, kind, context);
        Condition condition = parser.or();
        parser.expectEnd();
        return condition;
    }

    /** Parses a ProjectionExpression into its paths, rejecting overlapping ones. */
    public static List<DocumentPath> parseProjection(String text, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser(text, "ProjectionExpression", context);
        List<DocumentPath> paths = new ArrayList<>();
        do {
            DocumentPath path = parser.path();
            for (DocumentPath earlier : paths) {
                if (earlier.overlaps(path)) {
                    throw parser.invalid(
                            "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                                    + earlier.describe() + ", path two: " + path.describe());
                }
            }
            paths.add(path);
        } while (parser.accept(","));
        parser.expectEnd();
        return paths;
    }

    private Condition or() {
        Condition left = and();
        while (acceptKeyword("OR")) {
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (acceptKeyword("AND")) {
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (acceptKeyword("NOT")) {
            descend();
            Condition negated = not();
            ascend();
            return new Condition.Not(negated);
        }
        return primary();
    }

    private Condition primary() {
        if (accept("(")) {
            descend();
            Condition inner = or();
            expect(")");
            ascend();
            if (parenthesized.containsKey(inner)) {
                throw invalid("The expression has redundant parentheses;");
            }
            parenthesized.put(inner, Boolean.TRUE);
            return inner;
        }
        Token token = peek();
        if (token.kind() == Token.Kind.NAME && peekAhead(1).is("(") && CONDITION_FUNCTIONS.contains(token.text())) {
            return function();
        }
        Operand left = operand();
        Token operator = peek();
        if (operator.kind() == Token.Kind.PUNCT && COMPARATORS.contains(operator.text())) {
            next();
            return new Condition.Compare(operator.text(), left, operand());
        }
        if (acceptKeyword("BETWEEN")) {
            Operand low = operand();
            if (!acceptKeyword("AND")) {
                throw syntaxError();
            }
            Operand high = operand();
            checkBetweenBounds(low, high);
            return new Condition.Between(left, low, high);
        }
        if (acceptKeyword("IN")) {
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(","));
            expect(")");
            if (candidates.size() > 100) {
                throw invalid(
                        "The IN operator is provided with too many operands; number of operands: " + candidates.size());
            }
            return new Condition.In(left, candidates);
        }
        if (left instanceof Operand.Size) {
            throw invalid("The function is not allowed to be used this way in an expression; function: size");
        }
        throw syntaxError();
    }

    private void checkBetweenBounds(Operand low, Operand high) {
        if (low instanceof Operand.ValueOperand l && high instanceof Operand.ValueOperand h) {
            AttributeValue a = l.value();
            AttributeValue b = h.value();
            if (a.type().equals(b.type()) && Values.isOrderable(a) && Values.compare(a, b) > 0) {
                throw invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + "lower bound operand: AttributeValue: {" + a.type() + ":" + Values.display(a)
                        + "}, upper bound operand: AttributeValue: {" + b.type() + ":" + Values.display(b) + "}");
            }
        }
    }

    private Condition function() {
        String name = next().text();
        expect("(");
        List<Operand> arguments = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                arguments.add(operand());
            } while (accept(","));
        }
        expect(")");
        int expected = name.startsWith("attribute_") && !name.equals("attribute_type") ? 1 : 2;
        if (arguments.size() != expected) {
            throw invalid("Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + arguments.size());
        }
        if (!(arguments.get(0) instanceof Operand.PathOperand)
                && !name.equals("begins_with")
                && !name.equals("contains")) {
            throw invalid("Operator or function requires a document path; operator or function: " + name);
        }
        if (name.equals("attribute_type")) {
            if (!(arguments.get(1) instanceof Operand.ValueOperand value)
                    || !(value.value() instanceof AttributeValue.Str type)) {
                throw invalid(
                        "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: "
                                + Values.typeOf(arguments.get(1)));
            }
            if (!TYPES.contains(type.value())) {
                throw invalid("Invalid attribute type name found; type: " + type.value()
                        + ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
            }
        }
        if (name.equals("begins_with")) {
            for (Operand argument : arguments) {
                if (argument instanceof Operand.ValueOperand value
                        && !(value.value() instanceof AttributeValue.Str)
                        && !(value.value() instanceof AttributeValue.Bin)) {
                    throw invalid(
                            "Incorrect operand type for operator or function; operator or function: begins_with, operand type: "
                                    + value.value().type());
                }
            }
        }
        return new Condition.Function(name, arguments);
    }

    private Operand operand() {
        Token token = peek();
        if (token.kind() == Token.Kind.VALUE) {
            next();
            return new Operand.ValueOperand(token.text(), context.value(token.text(), kind));
        }
        if (token.kind() == Token.Kind.NAME && peekAhead(1).is("(")) {
            String name = token.text();
            if (name.equals("size")) {
                next();
                expect("(");
                if (!atPathStart()) {
                    Token argument = peek();
                    if (argument.kind() == Token.Kind.VALUE) {
                        throw invalid("Operator or function requires a document path; operator or function: size");
                    }
                    throw syntaxError();
                }
                DocumentPath path = path();
                expect(")");
                return new Operand.Size(path);
            }
            if (CONDITION_FUNCTIONS.contains(name) || name.equals("if_not_exists") || name.equals("list_append")) {
                throw invalid("The function is not allowed to be used this way in an expression; function: " + name);
            }
            throw invalid("Invalid function name; function: " + name);
        }
        if (token.kind() == Token.Kind.NAME || token.kind() == Token.Kind.ALIAS) {
            return new Operand.PathOperand(path());
        }
        throw syntaxError();
    }
}
