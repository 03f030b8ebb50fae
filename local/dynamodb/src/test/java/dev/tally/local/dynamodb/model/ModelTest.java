package dev.tally.local.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void numbers_normaliseAndEnforceLimits() {
        assertThat(Numbers.format(Numbers.parse("0012.5000"))).isEqualTo("12.5");
        assertThat(Numbers.format(Numbers.parse("-0.0"))).isEqualTo("0");
        assertThat(Numbers.format(Numbers.parse("1e3"))).isEqualTo("1000");
        assertThat(Numbers.parse("1.0")).isEqualTo(Numbers.parse("1"));
        assertThat(Numbers.parse("9.9999999999999999999999999999999999999E+125"))
                .isNotNull();
        assertThat(Numbers.parse("1E-130")).isNotNull();
        assertThatThrownBy(() -> Numbers.parse("1E+126")).hasMessageContaining("Number overflow");
        assertThatThrownBy(() -> Numbers.parse("1E-131")).hasMessageContaining("Number underflow");
        assertThatThrownBy(() -> Numbers.parse("1.23456789012345678901234567890123456789"))
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
        assertThat(Numbers.parse("12345678901234567890123456789012345678000")).isNotNull();
        assertThatThrownBy(() -> Numbers.parse(" 1")).hasMessageContaining("cannot be converted into a number");
        assertThatThrownBy(() -> Numbers.parse("NaN")).hasMessageContaining("cannot be converted into a number");
    }

    @Test
    void keyOrder_stringsByUtf8BytesBinariesUnsignedNumbersNumerically() {
        List<String> strings = new ArrayList<>(List.of("\uD83D\uDE00", "\uFFFD", "a", "B", "ab", ""));
        strings.sort(KeyValue::compareUtf8);
        assertThat(strings).containsExactly("", "B", "a", "ab", "\uFFFD", "\uD83D\uDE00");

        assertThat(KeyValue.compare(
                        new AttributeValue.Bin(new byte[] {(byte) 0x80}), new AttributeValue.Bin(new byte[] {0x7f})))
                .isPositive();
        assertThat(KeyValue.compare(new AttributeValue.Bin(new byte[] {1}), new AttributeValue.Bin(new byte[] {1, 0})))
                .isNegative();
        assertThat(KeyValue.compare(
                        new AttributeValue.Num(new BigDecimal("9")), new AttributeValue.Num(new BigDecimal("10"))))
                .isNegative();
        assertThat(KeyValue.compare(
                        new AttributeValue.Num(new BigDecimal("-10")), new AttributeValue.Num(new BigDecimal("-9"))))
                .isNegative();
    }

    @Test
    void itemSize_followsAwsRules() throws Exception {
        Map<String, AttributeValue> item = AttributeValueJson.readItem(
                JSON.readTree(
                        "{\"name\":{\"S\":\"h\u00e9\"},\"n\":{\"N\":\"12345\"},\"b\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
                                + "\"l\":{\"L\":[{\"S\":\"ab\"},{\"N\":\"1\"}]},\"m\":{\"M\":{\"k\":{\"S\":\"v\"}}}}"),
                "Item");
        // name(4)+"hé"(3) + n(1)+ (5 digits -> 3+1=4) + b(1)+1 + z(1)+1 + l(1)+3+(1+2)+(1+2) + m(1)+3+(1+1+1)
        assertThat(ItemSize.of(item)).isEqualTo(7 + 5 + 2 + 2 + 10 + 7);
        assertThat(ItemSize.utf8("\uD83D\uDE00")).isEqualTo(4);
    }

    @Test
    void attributeValues_validateShape() throws Exception {
        assertThatThrownBy(() -> AttributeValue(JSON.readTree("{}")))
                .hasMessageContaining("Supplied AttributeValue is empty");
        assertThatThrownBy(() -> AttributeValue(JSON.readTree("{\"S\":\"a\",\"N\":\"1\"}")))
                .hasMessageContaining("more than one datatypes");
        assertThatThrownBy(() -> AttributeValue(JSON.readTree("{\"SS\":[]}"))).hasMessageContaining("may not be empty");
        assertThatThrownBy(() -> AttributeValue(JSON.readTree("{\"SS\":[\"a\",\"a\"]}")))
                .hasMessageContaining("contains duplicates");
        assertThatThrownBy(() -> AttributeValue(JSON.readTree("{\"NULL\":false}")))
                .hasMessageContaining("Null attribute value types must have the value of true");
        assertThat(AttributeValue(JSON.readTree("{\"NS\":[\"1\",\"1.50\"]}")))
                .isEqualTo(AttributeValue(JSON.readTree("{\"NS\":[\"1.0\",\"1.5\"]}")));
    }

    private static AttributeValue AttributeValue(com.fasterxml.jackson.databind.JsonNode node) {
        return AttributeValueJson.read(node);
    }
}
