package dev.tally.events;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for free text and identifiers, shared by request validation and the records' own
 * checks. Each method appends a {@link FieldProblem} to {@code problems} when the value breaks a
 * rule and returns nothing; {@link #check} turns collected problems into an exception.
 */
public final class TextRules {

    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private TextRules() {}

    /** A required single-line text (a name): not blank, at most {@code max} code points, no control characters. */
    public static void requiredLine(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (value.isBlank()) {
            problems.add(new FieldProblem(field, "must not be blank"));
        } else {
            length(problems, field, value, max);
            unpairedSurrogates(problems, field, value);
            if (value.codePoints().anyMatch(Character::isISOControl)) {
                problems.add(
                        new FieldProblem(field, "must not contain control characters (such as line breaks or tabs)"));
            }
        }
    }

    /** An optional multi-line text (a description, a note): at most {@code max} code points; line breaks and tabs allowed. */
    public static void optionalText(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null) {
            return;
        }
        length(problems, field, value, max);
        unpairedSurrogates(problems, field, value);
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problems.add(
                    new FieldProblem(field, "must not contain control characters other than line breaks and tabs"));
        }
    }

    /** An optional e-mail address: {@code local@domain.tld}, no spaces, at most {@link Limits#EMAIL_MAX} characters. */
    public static void optionalEmail(List<FieldProblem> problems, String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > Limits.EMAIL_MAX) {
            problems.add(new FieldProblem(field, "must be at most " + Limits.EMAIL_MAX + " characters"));
        } else if (hasUnpairedSurrogate(value) || !EMAIL.matcher(value).matches()) {
            problems.add(new FieldProblem(field, "must be an e-mail address like \"name@example.com\""));
        }
    }

    /** A required identifier: 1 to {@link Limits#ID_MAX} characters of letters, digits, {@code . _ : -}. */
    public static void requiredId(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isEmpty()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (value.length() > Limits.ID_MAX) {
            problems.add(new FieldProblem(field, "must be at most " + Limits.ID_MAX + " characters"));
        } else if (!ID.matcher(value).matches()) {
            problems.add(new FieldProblem(field, "must contain only letters, digits, '.', '_', ':' and '-'"));
        }
    }

    /** A required value of any type. */
    public static void required(List<FieldProblem> problems, String field, Object value) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }

    /** A fresh list to collect problems in. */
    public static List<FieldProblem> problems() {
        return new ArrayList<>();
    }

    /** Throws an {@link InvalidValueException} if any problem was collected. */
    public static void check(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidValueException(problems);
        }
    }

    /**
     * True if {@code value} holds a UTF-16 surrogate without its partner (as JSON's {@code "\\ud800"}
     * produces): such a string has no UTF-8 form, so SQS and DynamoDB refuse it.
     */
    public static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static void unpairedSurrogates(List<FieldProblem> problems, String field, String value) {
        if (hasUnpairedSurrogate(value)) {
            problems.add(new FieldProblem(field, "must be valid Unicode text (it contains a lone UTF-16 surrogate)"));
        }
    }

    private static void length(List<FieldProblem> problems, String field, String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }
}
