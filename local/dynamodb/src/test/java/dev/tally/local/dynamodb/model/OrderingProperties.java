package dev.tally.local.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

/** Sort-key order and number normalisation hold for arbitrary values, not just chosen examples. */
class OrderingProperties {

  @Property
  void strings_orderAsTheirUtf8Bytes(@ForAll String a, @ForAll String b) {
    if (!isWellFormed(a) || !isWellFormed(b)) {
      return;
    }
    int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    assertThat(Integer.signum(KeyValue.compareUtf8(a, b))).isEqualTo(expected);
  }

  @Property
  void binaries_orderUnsigned(@ForAll byte[] a, @ForAll byte[] b) {
    int expected = Integer.signum(Arrays.compareUnsigned(a, b));
    assertThat(Integer.signum(KeyValue.compare(new AttributeValue.Bin(a), new AttributeValue.Bin(b)))).isEqualTo(expected);
  }

  @Property
  void numbers_orderNumericallyWhateverTheirSpelling(
      @ForAll @Scale(6) @BigRange(min = "-1000000000", max = "1000000000") BigDecimal a,
      @ForAll @Scale(6) @BigRange(min = "-1000000000", max = "1000000000") BigDecimal b) {
    AttributeValue left = new AttributeValue.Num(Numbers.parse(a.toPlainString()));
    AttributeValue right = new AttributeValue.Num(Numbers.parse(b.toString()));
    assertThat(Integer.signum(KeyValue.compare(left, right))).isEqualTo(a.compareTo(b));
    assertThat(left.equals(right)).isEqualTo(a.compareTo(b) == 0);
  }

  @Property
  void normalisedNumbers_roundTripThroughTheirWireText(
      @ForAll @Scale(10) @BigRange(min = "-1e20", max = "1e20") BigDecimal value) {
    BigDecimal normalised = Numbers.parse(value.toString());
    assertThat(Numbers.parse(Numbers.format(normalised))).isEqualTo(normalised);
    assertThat(normalised.compareTo(value)).isZero();
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
