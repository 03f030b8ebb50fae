package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class MoneyProperties {

    /** Every currency the JDK knows that has a minor unit (0, 2, 3 or 4 fraction digits). */
    @Provide
    Arbitrary<String> currencies() {
        List<String> codes = Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() >= 0)
                .map(Currency::getCurrencyCode)
                .sorted()
                .toList();
        return Arbitraries.of(codes);
    }

    @Property
    void parse_of_format_isIdentity(@ForAll @LongRange(min = 1, max = Money.MAX_MINOR_UNITS) long minor, @ForAll("currencies") String currency) {
        String text = Money.format(minor, currency);

        assertThat(Money.parse(text, currency, "amount").orElseThrow()).isEqualTo(new Money(minor, currency));
    }

    @Property
    void format_hasExactlyTheCurrencysFractionDigits(@ForAll long minor, @ForAll("currencies") String currency) {
        String text = Money.format(minor, currency);
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();

        int dot = text.indexOf('.');
        assertThat(dot < 0 ? 0 : text.length() - dot - 1).isEqualTo(digits);
        assertThat(new java.math.BigDecimal(text).movePointRight(digits).longValueExact()).isEqualTo(minor);
    }

    @Property
    void parse_beyondTheMaximum_isRejectedNotWrapped(@ForAll @LongRange(min = 1) long excess,
                                                   @ForAll("currencies") String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        BigInteger tooMany = BigInteger.valueOf(Money.MAX_MINOR_UNITS).add(BigInteger.valueOf(excess));
        String text = new java.math.BigDecimal(tooMany, digits).toPlainString();

        Validated<Money> result = Money.parse(text, currency, "amount");

        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("amount.amount");
            assertThat(p.problem()).startsWith("is too large");
        });
    }

    @Property
    void parse_withOneDigitTooMany_isRejected(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 10) long minor,
                                              @ForAll("currencies") String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        String text = new java.math.BigDecimal(BigInteger.valueOf(minor).multiply(BigInteger.TEN).add(BigInteger.ONE), digits + 1)
                .toPlainString();

        assertThat(Money.parse(text, currency, "amount").isValid()).isFalse();
    }
}
