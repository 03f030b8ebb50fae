package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testkit.Generator;
import dev.tally.testkit.PropertyCheck;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyProperties {

    private static final int TRIES = 1_000;

    /** Every currency the JDK knows that has a minor unit (0, 2, 3 or 4 fraction digits). */
    private static final List<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getDefaultFractionDigits() >= 0)
            .map(Currency::getCurrencyCode)
            .sorted()
            .toList();

    record Amount(long minor, String currency) {}

    private static Generator<Amount> amounts(long min, long max) {
        return source -> new Amount(source.longBetween(min, max), source.pick(CURRENCIES));
    }

    @Test
    void parse_of_format_isIdentity() {
        PropertyCheck.forAll(TRIES, amounts(1, Money.MAX_MINOR_UNITS), amount -> {
            String text = Money.format(amount.minor(), amount.currency());

            assertThat(Money.parse(text, amount.currency(), "amount").orElseThrow())
                    .isEqualTo(new Money(amount.minor(), amount.currency()));
        });
    }

    @Test
    void format_hasExactlyTheCurrencysFractionDigits() {
        PropertyCheck.forAll(TRIES, amounts(Long.MIN_VALUE, Long.MAX_VALUE), amount -> {
            String text = Money.format(amount.minor(), amount.currency());
            int digits = Currency.getInstance(amount.currency()).getDefaultFractionDigits();

            int dot = text.indexOf('.');
            assertThat(dot < 0 ? 0 : text.length() - dot - 1).isEqualTo(digits);
            assertThat(new BigDecimal(text).movePointRight(digits).longValueExact())
                    .isEqualTo(amount.minor());
        });
    }

    @Test
    void parse_beyondTheMaximum_isRejectedNotWrapped() {
        PropertyCheck.forAll(TRIES, amounts(1, Long.MAX_VALUE), excess -> {
            int digits = Currency.getInstance(excess.currency()).getDefaultFractionDigits();
            BigInteger tooMany = BigInteger.valueOf(Money.MAX_MINOR_UNITS).add(BigInteger.valueOf(excess.minor()));
            String text = new BigDecimal(tooMany, digits).toPlainString();

            Validated<Money> result = Money.parse(text, excess.currency(), "amount");

            assertThat(result.isValid()).isFalse();
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("amount.amount");
                assertThat(p.problem()).startsWith("is too large");
            });
        });
    }

    @Test
    void parse_withOneDigitTooMany_isRejected() {
        PropertyCheck.forAll(TRIES, amounts(1, Long.MAX_VALUE / 10), amount -> {
            int digits = Currency.getInstance(amount.currency()).getDefaultFractionDigits();
            String text = new BigDecimal(
                            BigInteger.valueOf(amount.minor())
                                    .multiply(BigInteger.TEN)
                                    .add(BigInteger.ONE),
                            digits + 1)
                    .toPlainString();

            assertThat(Money.parse(text, amount.currency(), "amount").isValid()).isFalse();
        });
    }
}
