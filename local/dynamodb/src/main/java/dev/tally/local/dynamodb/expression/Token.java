package dev.tally.local.dynamodb.expression;

/**
 * One lexical token of an expression.
 *
 * @param kind what it is
 * @param text its text as written
 * @param start offset in the expression
 */
record Token(Kind kind, String text, int start) {

    /** Token kinds. */
    enum Kind {
        NAME,
        ALIAS,
        VALUE,
        NUMBER,
        PUNCT,
        EOF
    }

    boolean is(String punctuation) {
        return kind == Kind.PUNCT && text.equals(punctuation);
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }

    int end() {
        return start + text.length();
    }
}
