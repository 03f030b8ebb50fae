package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.ApiException;
import java.util.ArrayList;
import java.util.List;

/** Walks the tokens of one expression and parses what all expression kinds share: paths. */
class TokenCursor {

    /** DynamoDB's limit on the size of one expression string. */
    static final int MAX_EXPRESSION_BYTES = 4096;
    /** How deeply parentheses, NOT and functions may nest: recursion depth stays far from the stack's end. */
    static final int MAX_NESTING = 128;

    final String text;
    final String kind;
    final ExpressionContext context;
    private final List<Token> tokens;
    private int position;
    private int nesting;

    TokenCursor(String text, String kind, ExpressionContext context) {
        if (text.isBlank()) {
            throw ApiException.validation("Invalid " + kind + ": The expression can not be empty;");
        }
        int size = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > MAX_EXPRESSION_BYTES) {
            throw ApiException.validation("Invalid " + kind
                    + ": Expression size has exceeded the maximum allowed size; expression size: " + size);
        }
        this.text = text;
        this.kind = kind;
        this.context = context;
        this.tokens = Tokenizer.tokenize(text, kind);
    }

    /** Enters one level of nesting (a parenthesis, a NOT, a function); refuses too deep a level. */
    void descend() {
        if (++nesting > MAX_NESTING) {
            throw ApiException.validation("Invalid " + kind + ": The expression is nested too deeply; at most "
                    + MAX_NESTING + " levels of parentheses, NOT and functions;");
        }
    }

    /** Leaves the level entered by {@link #descend()}. */
    void ascend() {
        nesting--;
    }

    Token peek() {
        return tokens.get(position);
    }

    Token peekAhead(int offset) {
        return tokens.get(Math.min(position + offset, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Token.Kind.EOF) {
            position++;
        }
        return token;
    }

    boolean accept(String punctuation) {
        if (peek().is(punctuation)) {
            position++;
            return true;
        }
        return false;
    }

    boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    void expect(String punctuation) {
        if (!accept(punctuation)) {
            throw syntaxError();
        }
    }

    void expectEnd() {
        if (peek().kind() != Token.Kind.EOF) {
            throw syntaxError();
        }
    }

    boolean atPathStart() {
        Token token = peek();
        return token.kind() == Token.Kind.ALIAS
                || (token.kind() == Token.Kind.NAME && !peekAhead(1).is("("));
    }

    /** Parses {@code name(.name | [n])*}, resolving aliases and rejecting reserved words. */
    DocumentPath path() {
        List<DocumentPath.Element> elements = new ArrayList<>();
        elements.add(new DocumentPath.Field(pathName()));
        while (true) {
            if (accept(".")) {
                elements.add(new DocumentPath.Field(pathName()));
            } else if (peek().is("[")) {
                next();
                Token number = next();
                if (number.kind() != Token.Kind.NUMBER) {
                    throw syntaxError(number);
                }
                int index;
                try {
                    index = Integer.parseInt(number.text());
                } catch (NumberFormatException e) {
                    throw syntaxError(number);
                }
                expect("]");
                elements.add(new DocumentPath.Index(index));
            } else {
                return new DocumentPath(elements);
            }
        }
    }

    private String pathName() {
        Token token = next();
        if (token.kind() == Token.Kind.ALIAS) {
            return context.name(token.text(), kind);
        }
        if (token.kind() == Token.Kind.NAME) {
            ExpressionContext.checkNotReserved(token.text(), kind);
            return token.text();
        }
        throw syntaxError(token);
    }

    ApiException syntaxError() {
        return syntaxError(peek());
    }

    ApiException syntaxError(Token token) {
        int index = tokens.indexOf(token);
        int from = index > 0 ? tokens.get(index - 1).start() : token.start();
        Token after = tokens.get(Math.min(index + 1, tokens.size() - 1));
        int to = Math.min(
                text.length(), Math.max(token.end(), after.kind() == Token.Kind.EOF ? text.length() : after.end()));
        String near = text.substring(Math.min(from, to), to);
        return ApiException.validation(
                "Invalid " + kind + ": Syntax error; token: \"" + token.text() + "\", near: \"" + near + "\"");
    }

    ApiException invalid(String detail) {
        return ApiException.validation("Invalid " + kind + ": " + detail);
    }
}
