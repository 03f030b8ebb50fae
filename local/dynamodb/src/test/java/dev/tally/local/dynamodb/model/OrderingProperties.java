package dev.tally.local.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testkit.Generator;
import dev.tally.testkit.PropertyCheck;
import dev.tally.testkit.Source;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sort-key order and number normalisation hold for arbitrary values, not just chosen examples. */
class OrderingProperties {

    private static final int TRIES = 1_000;
    private static final BigDecimal BILLION = new BigDecimal("1000000000");
    private static final BigDecimal HUNDRED_QUINTILLION = new BigDecimal("1e20");

    record Pair<T>(T a, T b) {}

    /**
     * Two well-formed strings (a cut through a surrogate pair aside), the second often sharing a prefix
     * with the first, so the comparison reaches past the first character.
     */
    private static Generator<Pair<String>> stringPairs() {
        return source -> {
            String a = source.unicode(12, false);
            String b = source.unicode(12, false);
            return new Pair<>(a, source.chance(0.4) ? a.substring(0, source.index(a.length() + 1)) + b : b);
        };
    }

    @Test
    void strings_orderAsTheirUtf8Bytes() {
        PropertyCheck.forAll(TRIES, stringPairs(), pair -> {
            if (!isWellFormed(pair.a()) || !isWellFormed(pair.b())) {
                return;
            }
            int expected = Integer.signum(Arrays.compareUnsigned(
                    pair.a().getBytes(StandardCharsets.UTF_8), pair.b().getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(KeyValue.compareUtf8(pair.a(), pair.b()))).isEqualTo(expected);
        });
    }

    @Test
    void binaries_orderUnsigned() {
        Generator<Pair<byte[]>> pairs = source -> {
            byte[] a = source.bytes(8);
            byte[] b = source.bytes(8);
            if (source.chance(0.4)) {
                byte[] prefixed = Arrays.copyOf(a, source.index(a.length + 1) + b.length);
                System.arraycopy(b, 0, prefixed, prefixed.length - b.length, b.length);
                b = prefixed;
            }
            return new Pair<>(a, b);
        };
        PropertyCheck.forAll(TRIES, pairs, pair -> {
            int expected = Integer.signum(Arrays.compareUnsigned(pair.a(), pair.b()));
            assertThat(Integer.signum(
                            KeyValue.compare(new AttributeValue.Bin(pair.a()), new AttributeValue.Bin(pair.b()))))
                    .as("%s vs %s", Arrays.toString(pair.a()), Arrays.toString(pair.b()))
                    .isEqualTo(expected);
        });
    }

    @Test
    void numbers_orderNumericallyWhateverTheirSpelling() {
        Generator<Pair<BigDecimal>> pairs = source -> {
            BigDecimal a = source.decimal(BILLION, 6);
            BigDecimal b = source.chance(0.2) ? respelled(a, source) : source.decimal(BILLION, 6);
            return new Pair<>(a, b);
        };
        PropertyCheck.forAll(TRIES, pairs, pair -> {
            AttributeValue left = new AttributeValue.Num(Numbers.parse(pair.a().toPlainString()));
            AttributeValue right = new AttributeValue.Num(Numbers.parse(pair.b().toString()));
            assertThat(Integer.signum(KeyValue.compare(left, right)))
                    .isEqualTo(pair.a().compareTo(pair.b()));
            assertThat(left.equals(right)).isEqualTo(pair.a().compareTo(pair.b()) == 0);
        });
    }

    @Test
    void normalisedNumbers_roundTripThroughTheirWireText() {
        Generator<BigDecimal> values = source -> {
            BigDecimal value = source.decimal(HUNDRED_QUINTILLION, 10);
            return source.chance(0.3) ? respelled(value, source) : value;
        };
        PropertyCheck.forAll(TRIES, values, value -> {
            BigDecimal normalised = Numbers.parse(value.toString());
            assertThat(Numbers.parse(Numbers.format(normalised))).isEqualTo(normalised);
            assertThat(normalised.compareTo(value)).isZero();
        });
    }

    /** The same number with other trailing zeros (so another scale and often another {@code toString}). */
    private static BigDecimal respelled(BigDecimal value, Source source) {
        BigDecimal stripped = value.stripTrailingZeros();
        return source.chance(0.5)
                ? stripped
                : stripped.setScale(Math.max(0, stripped.scale()) + source.intBetween(0, 4));
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
