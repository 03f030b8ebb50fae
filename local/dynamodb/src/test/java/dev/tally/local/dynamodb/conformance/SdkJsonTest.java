package dev.tally.local.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

class SdkJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void build_whenWireFormatRequest_setsEveryFieldIncludingNestedAttributeValues() throws Exception {
        JsonNode wire = json.readTree("{\"TableName\":\"items\",\"ReturnValues\":\"ALL_OLD\",\"Item\":{"
                + "\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1.5\"},\"b\":{\"B\":\"AQI=\"},\"nul\":{\"NULL\":true},"
                + "\"m\":{\"M\":{\"l\":{\"L\":[{\"SS\":[\"x\",\"y\"]},{\"BOOL\":false}]}}}}}");

        PutItemRequest request = (PutItemRequest) SdkJson.build((SdkPojo) PutItemRequest.builder(), wire);

        assertThat(request.tableName()).isEqualTo("items");
        assertThat(request.returnValues()).isEqualTo(ReturnValue.ALL_OLD);
        assertThat(request.item().get("n").n()).isEqualTo("1.5");
        assertThat(request.item().get("b").b().asByteArray()).containsExactly(1, 2);
        assertThat(request.item().get("nul").nul()).isTrue();
        assertThat(request.item().get("m").m().get("l").l().get(0).ss()).containsExactly("x", "y");
    }

    @Test
    void toJson_whenRequestBuiltFromWireFormat_rendersTheSameWireFormat() throws Exception {
        JsonNode wire = json.readTree(
                "{\"TableName\":\"items\",\"Item\":{\"pk\":{\"S\":\"a\"},"
                        + "\"bs\":{\"BS\":[\"AQ==\"]},\"m\":{\"M\":{\"x\":{\"N\":\"2\"}}}},\"ConditionExpression\":\"a = :b\"}");

        PutItemRequest request = (PutItemRequest) SdkJson.build((SdkPojo) PutItemRequest.builder(), wire);

        assertThat(SdkJson.toJson(request)).isEqualTo(wire);
    }

    @Test
    void build_whenFieldUnknown_failsNamingIt() throws Exception {
        JsonNode wire = json.readTree("{\"TableName\":\"items\",\"Itme\":{}}");

        assertThatThrownBy(() -> SdkJson.build((SdkPojo) PutItemRequest.builder(), wire))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field 'Itme'");
    }
}
