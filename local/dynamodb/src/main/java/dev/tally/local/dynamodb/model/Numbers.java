package dev.tally.local.dynamodb.model;

import java.math.BigDecimal;

/**
 * DynamoDB's number rules: at most 38 significant digits, magnitude between 1E-130 and
 * 9.9999999999999999999999999999999999999E+125, normalised without trailing zeros.
 */
public final class Numbers {

    private static final int MAX_DIGITS = 38;
    private static final int MAX_EXPONENT = 125;
    private static final int MIN_EXPONENT = -130;

    private Numbers() {}

    /** Parses a wire number, applying DynamoDB's validation; throws a ValidationException. */
    public static BigDecimal parse(String text) {
        BigDecimal parsed;
        try {
            if (text.isEmpty()
                    || Character.isWhitespace(text.charAt(0))
                    || Character.isWhitespace(text.charAt(text.length() - 1))) {
                throw new NumberFormatException();
            }
            parsed = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw ApiException.validation("A value provided cannot be converted into a number");
        }
        return check(parsed);
    }

    /** Validates and normalises a computed number. */
    public static BigDecimal check(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() > MAX_DIGITS) {
            throw ApiException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        long exponent = (long) stripped.precision() - stripped.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            throw ApiException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < MIN_EXPONENT) {
            throw ApiException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return stripped;
    }

    /** The wire text of a normalised number. */
    public static String format(BigDecimal value) {
        return value.toPlainString();
    }

    /** The number of significant digits DynamoDB bills for: leading and trailing zeros trimmed. */
    public static int significantDigits(BigDecimal value) {
        return value.signum() == 0 ? 1 : value.stripTrailingZeros().precision();
    }
}
