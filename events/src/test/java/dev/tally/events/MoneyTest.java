package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "12.34, EUR, 1234",
        "12.3, EUR, 1230",
        "12, EUR, 1200",
        "0.01, EUR, 1",
        "1000, JPY, 1000",
        "1.234, KWD, 1234",
        "0.5, KWD, 500",
        "1000000000000.00, EUR, 100000000000000",
        "100000000000000, JPY, 100000000000000",
        "100000000000.000, KWD, 100000000000000",
    })
    void parse_whenValid_givesMinorUnits(String amount, String currency, long minor) {
        assertThat(Money.parse(amount, currency, "amount").orElseThrow()).isEqualTo(new Money(minor, currency));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "12.345|EUR|amount.amount|must have at most 2 decimal places for EUR",
                "12.340|EUR|amount.amount|must have at most 2 decimal places for EUR",
                "1.5|JPY|amount.amount|must be a whole number for JPY",
                "1.2345|KWD|amount.amount|must have at most 3 decimal places for KWD",
                "0|EUR|amount.amount|must be greater than 0",
                "0.00|EUR|amount.amount|must be greater than 0",
                "-5.00|EUR|amount.amount|must be a decimal string",
                "+5.00|EUR|amount.amount|must be a decimal string",
                "1e3|EUR|amount.amount|must be a decimal string",
                "1,000.00|EUR|amount.amount|must be a decimal string",
                "' 12.34'|EUR|amount.amount|must be a decimal string",
                "012.34|EUR|amount.amount|must be a decimal string",
                "12.|EUR|amount.amount|must be a decimal string",
                ".5|EUR|amount.amount|must be a decimal string",
                "١٢|EUR|amount.amount|must be a decimal string",
                "1000000000000.01|EUR|amount.amount|is too large: at most 1000000000000.00 EUR",
                "92233720368547758.07|EUR|amount.amount|is too large: at most 1000000000000.00 EUR",
                "100000000000001|JPY|amount.amount|is too large: at most 100000000000000 JPY",
                "9223372036854775808|JPY|amount.amount|is too large",
                "99999999999999999999999999999999999999999999|EUR|amount.amount|is too large",
                "12.34|eur|amount.currency|must be an upper-case ISO 4217 code",
                "12.34|EURO|amount.currency|must be an upper-case ISO 4217 code",
                "12.34|ABC|amount.currency|is not a known ISO 4217 currency code",
                "12.34|XXX|amount.currency|has no minor unit",
                "12.34|XAU|amount.currency|has no minor unit",
            })
    void parse_whenInvalid_namesFieldAndProblem(String amount, String currency, String field, String problem) {
        Validated<Money> result = Money.parse(amount, currency, "amount");

        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.problem()).contains(problem);
        });
    }

    @Test
    void parse_whenEverythingMissing_reportsBothFields() {
        assertThat(Money.parse(null, null, "amount").problems())
                .extracting(FieldProblem::field)
                .containsExactly("amount.currency", "amount.amount");
    }

    @Test
    void parse_whenAmountAndCurrencyBothBad_reportsBoth() {
        assertThat(Money.parse("-1", "eur", "payment").problems())
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("payment.amount", "payment.currency");
    }

    @Test
    void parse_withoutPrefix_usesBareFieldNames() {
        assertThat(Money.parse("1.001", "EUR", "").problems())
                .extracting(FieldProblem::field)
                .containsExactly("amount");
    }

    @Test
    void parse_whenMoneyObjectMissing_namesTheObject() {
        assertThat(Money.parse((DecimalMoney) null, "amount").problems())
                .singleElement()
                .extracting(FieldProblem::field)
                .isEqualTo("amount");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "1230, EUR, 12.30",
        "1, EUR, 0.01",
        "0, EUR, 0.00",
        "-500, EUR, -5.00",
        "-1, EUR, -0.01",
        "1000, JPY, 1000",
        "-1000, JPY, -1000",
        "1, KWD, 0.001",
        "9223372036854775807, EUR, 92233720368547758.07",
        "-9223372036854775808, EUR, -92233720368547758.08",
    })
    void format_givesCanonicalSignedDecimal(long minor, String currency, String expected) {
        assertThat(Money.format(minor, currency)).isEqualTo(expected);
    }

    @Test
    void format_whenCurrencyInvalid_throws() {
        assertThatThrownBy(() -> Money.format(1, "XXX")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void toDecimalString_isCanonical() {
        assertThat(Money.parse("12.3", "EUR", "").orElseThrow().toDecimalString())
                .isEqualTo("12.30");
        assertThat(Money.of(1000, "JPY").toDecimalString()).isEqualTo("1000");
    }

    @Test
    void constructor_whenNotPositive_throwsWithProblem() {
        assertThatThrownBy(() -> new Money(0, "EUR"))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(new FieldProblem("amount", "must be greater than 0")));
        assertThatThrownBy(() -> new Money(-1, "EUR")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void constructor_whenCurrencyUnknown_throws() {
        assertThatThrownBy(() -> new Money(1, "ZZZ")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Money(1, null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void json_isDecimalStringAndCurrency() throws Exception {
        String json = TallyJson.MAPPER.writeValueAsString(Money.of(1230, "EUR"));

        assertThat(json).isEqualTo("{\"amount\":\"12.30\",\"currency\":\"EUR\"}");
        assertThat(TallyJson.MAPPER.readValue(json, Money.class)).isEqualTo(Money.of(1230, "EUR"));
    }

    @Test
    void json_whenInvalid_reportsFieldProblems() {
        Validated<Money> result = JsonBodies.parse("{\"amount\":\"1.001\",\"currency\":\"EUR\"}", Money.class);

        assertThat(result.problems())
                .containsExactly(new FieldProblem("amount", "must have at most 2 decimal places for EUR"));
    }

    @Test
    void decimalMoney_of_formatsAnySign() {
        assertThat(DecimalMoney.of(0, "EUR")).isEqualTo(new DecimalMoney("0.00", "EUR"));
        assertThat(DecimalMoney.of(-5, "KWD")).isEqualTo(new DecimalMoney("-0.005", "KWD"));
    }
}
