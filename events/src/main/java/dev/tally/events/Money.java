package dev.tally.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A positive amount of money: {@code long} minor units of an ISO 4217 currency. Never floating
 * point.
 *
 * <p>Money in the API is always positive (a principal, a payment). Arithmetic that may reach zero
 * or go negative (outstanding balances, summary totals) is done on plain {@code long}s with
 * {@link Math#addExact} and friends, and formatted with {@link #format(long, String)}.
 *
 * <p>On the wire it is {@code {"amount": "12.34", "currency": "EUR"}} (see {@link DecimalMoney}).
 *
 * @param minorUnits the amount in the currency's minor unit (cents for EUR), greater than 0
 * @param currency   an upper-case ISO 4217 code with a defined number of fraction digits
 */
public record Money(long minorUnits, String currency) {

    /**
     * The largest amount accepted from a request, in minor units: 10^14 (1 000 000 000 000.00 EUR,
     * 100 000 000 000 000 JPY). A user's totals are sums of amounts in {@code long}: at this maximum
     * they stay exact for more than 92 000 open debts of the maximum amount in one currency, so two
     * large debts can no longer overflow a summary (see {@code docs/adr/0142-money-maximum.md}).
     */
    public static final long MAX_MINOR_UNITS = 100_000_000_000_000L;

    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+)?");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final int AMOUNT_MAX_CHARS = 40;

    public Money {
        List<FieldProblem> problems = new ArrayList<>(currencyProblems(currency, "currency"));
        if (minorUnits <= 0) {
            problems.add(new FieldProblem("amount", "must be greater than 0"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidValueException(problems);
        }
    }

    /** Money of {@code minorUnits} in {@code currency}; throws {@link InvalidValueException} if not valid. */
    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, currency);
    }

    /**
     * Parses the API's decimal form: {@code "12.34"} in {@code "EUR"} is 1234 minor units.
     *
     * <p>The amount is digits with an optional {@code .} and fraction digits: no sign, exponent,
     * whitespace, thousands separators or leading zeros, and at most as many fraction digits as the
     * currency has ({@link Currency#getDefaultFractionDigits()}: JPY 0, EUR 2, KWD 3). The currency
     * is an upper-case ISO 4217 code with defined fraction digits ({@code XXX}, {@code XAU} are
     * refused). Zero and amounts above {@link #MAX_MINOR_UNITS} minor units are refused. Every
     * problem found is reported, on {@code fieldPrefix.amount} and {@code fieldPrefix.currency}.
     *
     * @param amount       the decimal string
     * @param currencyCode the currency code
     * @param fieldPrefix  the JSON path of the money object ({@code "amount"}), or empty for the root
     */
    public static Validated<Money> parse(String amount, String currencyCode, String fieldPrefix) {
        String amountField = path(fieldPrefix, "amount");
        List<FieldProblem> problems = new ArrayList<>(currencyProblems(currencyCode, path(fieldPrefix, "currency")));
        int digits = problems.isEmpty() ? fractionDigits(currencyCode) : -1;
        long minor = 0;
        if (amount == null) {
            problems.add(new FieldProblem(amountField, "is required: a decimal string like \"12.34\""));
        } else if (amount.length() > AMOUNT_MAX_CHARS
                || !DECIMAL.matcher(amount).matches()) {
            problems.add(new FieldProblem(
                    amountField,
                    amount.length() > AMOUNT_MAX_CHARS
                                    && DECIMAL.matcher(amount).matches()
                            ? "is too large"
                            : "must be a decimal string like \"12.34\": digits, optionally '.' and fraction digits"
                                    + " (no sign, exponent, spaces, separators or leading zeros)"));
        } else {
            BigDecimal value = new BigDecimal(amount);
            if (value.signum() == 0) {
                problems.add(new FieldProblem(amountField, "must be greater than 0"));
            } else if (digits >= 0) {
                if (value.scale() > digits) {
                    problems.add(new FieldProblem(
                            amountField,
                            digits == 0
                                    ? "must be a whole number for " + currencyCode + " (it has no decimal places)"
                                    : "must have at most " + digits + " decimal places for " + currencyCode));
                } else {
                    BigDecimal minorUnits = value.movePointRight(digits);
                    if (minorUnits.compareTo(BigDecimal.valueOf(MAX_MINOR_UNITS)) > 0) {
                        problems.add(new FieldProblem(
                                amountField,
                                "is too large: at most " + format(MAX_MINOR_UNITS, currencyCode) + " " + currencyCode));
                    } else {
                        minor = minorUnits.longValueExact();
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        return Validated.valid(new Money(minor, currencyCode));
    }

    /** Parses the wire shape; see {@link #parse(String, String, String)}. */
    public static Validated<Money> parse(DecimalMoney decimal, String fieldPrefix) {
        if (decimal == null) {
            return Validated.invalid(
                    fieldPrefix == null || fieldPrefix.isEmpty() ? FieldProblem.BODY : fieldPrefix,
                    "is required: an object like {\"amount\": \"12.34\", \"currency\": \"EUR\"}");
        }
        return parse(decimal.amount(), decimal.currency(), fieldPrefix);
    }

    /**
     * The canonical decimal string of a signed amount of minor units: {@code format(1230, "EUR")}
     * is {@code "12.30"}, {@code format(-500, "EUR")} is {@code "-5.00"}, {@code format(1000, "JPY")}
     * is {@code "1000"}. Exact for every {@code long}.
     *
     * @throws InvalidValueException if the currency is not a valid code with fraction digits
     */
    public static String format(long minorUnits, String currencyCode) {
        List<FieldProblem> problems = currencyProblems(currencyCode, "currency");
        if (!problems.isEmpty()) {
            throw new InvalidValueException(problems);
        }
        return BigDecimal.valueOf(minorUnits, fractionDigits(currencyCode)).toPlainString();
    }

    /** The number of fraction digits of a valid currency code (JPY 0, EUR 2, KWD 3). */
    public static int fractionDigits(String currencyCode) {
        return Currency.getInstance(currencyCode).getDefaultFractionDigits();
    }

    /** The canonical decimal string of this amount, e.g. {@code "12.30"}. */
    public String toDecimalString() {
        return format(minorUnits, currency);
    }

    /** The wire shape of this amount. */
    @JsonValue
    public DecimalMoney toDecimal() {
        return new DecimalMoney(toDecimalString(), currency);
    }

    /** Reads the wire shape; refuses invalid money with an {@link InvalidValueException}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Money fromDecimal(DecimalMoney decimal) {
        Validated<Money> parsed = parse(decimal, "");
        if (parsed instanceof Validated.Invalid<Money> invalid) {
            throw new InvalidValueException(invalid.problems());
        }
        return parsed.orElseThrow();
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency;
    }

    private static List<FieldProblem> currencyProblems(String code, String field) {
        if (code == null) {
            return List.of(new FieldProblem(field, "is required: an ISO 4217 code like \"EUR\""));
        }
        if (!CURRENCY_CODE.matcher(code).matches()) {
            return List.of(new FieldProblem(field, "must be an upper-case ISO 4217 code like \"EUR\""));
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            return List.of(new FieldProblem(field, "is not a known ISO 4217 currency code"));
        }
        if (currency.getDefaultFractionDigits() < 0) {
            return List.of(new FieldProblem(field, "is not a currency of money (it has no minor unit)"));
        }
        return List.of();
    }

    private static String path(String prefix, String name) {
        return prefix == null || prefix.isEmpty() ? name : prefix + "." + name;
    }
}
