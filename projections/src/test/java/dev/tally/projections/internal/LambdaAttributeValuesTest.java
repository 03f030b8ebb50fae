package dev.tally.projections.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

class LambdaAttributeValuesTest {

    @Test
    void toSdk_whenEveryTypeIsPresent_copiesEachStructurally() {
        Map<String, AttributeValue> item = Map.of(
                "s", new AttributeValue().withS("text"),
                "n", new AttributeValue().withN("-12"),
                "b", new AttributeValue().withB(ByteBuffer.wrap("xy".getBytes(StandardCharsets.UTF_8))),
                "ss", new AttributeValue().withSS("a", "b"),
                "ns", new AttributeValue().withNS("1", "2"),
                "m", new AttributeValue().withM(Map.of("inner", new AttributeValue().withN("3"))),
                "l", new AttributeValue().withL(new AttributeValue().withS("x"), new AttributeValue().withBOOL(false)),
                "bool", new AttributeValue().withBOOL(true),
                "null", new AttributeValue().withNULL(true));

        var sdk = LambdaAttributeValues.toSdk(item);

        assertThat(sdk.get("s").s()).isEqualTo("text");
        assertThat(sdk.get("n").n()).isEqualTo("-12");
        assertThat(sdk.get("b").b()).isEqualTo(SdkBytes.fromUtf8String("xy"));
        assertThat(sdk.get("ss").ss()).containsExactly("a", "b");
        assertThat(sdk.get("ns").ns()).containsExactly("1", "2");
        assertThat(sdk.get("m").m().get("inner").n()).isEqualTo("3");
        assertThat(sdk.get("l").l())
                .extracting(v -> v.s() != null ? v.s() : String.valueOf(v.bool()))
                .containsExactly("x", "false");
        assertThat(sdk.get("bool").bool()).isTrue();
        assertThat(sdk.get("null").nul()).isTrue();
    }

    @Test
    void toSdk_whenANestedValueHasNoType_failsNamingItsPath() {
        Map<String, AttributeValue> item = Map.of(
                "payments",
                new AttributeValue()
                        .withL(List.of(new AttributeValue().withM(Map.of("amount", new AttributeValue())))));

        assertThatThrownBy(() -> LambdaAttributeValues.toSdk(item))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payments[0].amount");
    }
}
