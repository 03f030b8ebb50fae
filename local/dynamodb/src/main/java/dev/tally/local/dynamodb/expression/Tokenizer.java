package dev.tally.local.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens: names, #aliases, :values, list indexes and punctuation. */
final class Tokenizer {

    private Tokenizer() {}

    static List<Token> tokenize(String text, String kind) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '#' || c == ':') {
                i++;
                while (i < text.length() && isNameChar(text.charAt(i))) {
                    i++;
                }
                if (i == start + 1) {
                    throw syntax(kind, text, String.valueOf(c), start);
                }
                tokens.add(new Token(c == '#' ? Token.Kind.ALIAS : Token.Kind.VALUE, text.substring(start, i), start));
            } else if (Character.isDigit(c)) {
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.NUMBER, text.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < text.length() && isNameChar(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.NAME, text.substring(start, i), start));
            } else if (c == '<' || c == '>') {
                i++;
                if (i < text.length() && (text.charAt(i) == '=' || (c == '<' && text.charAt(i) == '>'))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.PUNCT, text.substring(start, i), start));
            } else if ("()[],.=+-".indexOf(c) >= 0) {
                i++;
                tokens.add(new Token(Token.Kind.PUNCT, String.valueOf(c), start));
            } else {
                throw syntax(kind, text, String.valueOf(c), start);
            }
        }
        tokens.add(new Token(Token.Kind.EOF, "<EOF>", text.length()));
        return tokens;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static RuntimeException syntax(String kind, String text, String token, int at) {
        int from = Math.max(0, at - 10);
        int to = Math.min(text.length(), at + 10);
        return dev.tally.local.dynamodb.model.ApiException.validation("Invalid " + kind + ": Syntax error; token: \""
                + token + "\", near: \"" + text.substring(from, to) + "\"");
    }
}
