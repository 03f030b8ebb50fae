package dev.tally.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class ProtocolIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(URI endpoint, String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void response_carriesCrc32OfBody_andJsonContentType(EmbeddedDynamoDb ddb) throws Exception {
        HttpResponse<String> response = post(ddb.endpoint(), "DynamoDB_20120810.ListTables", "{}");

        CRC32 crc = new CRC32();
        crc.update(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amz-crc32")).hasValue(Long.toString(crc.getValue()));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(JSON.readTree(response.body()).get("TableNames").isArray()).isTrue();
    }

    @Test
    void unknownOperation_isNamedInUnknownOperationException(EmbeddedDynamoDb ddb) throws Exception {
        HttpResponse<String> response = post(ddb.endpoint(), "DynamoDB_20120810.CreateBackup", "{}");

        JsonNode error = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.get("__type").asText())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#UnknownOperationException");
        assertThat(error.get("message").asText()).contains("DynamoDB_20120810.CreateBackup");
    }

    @Test
    void malformedJson_isSerializationException_withoutInternals(EmbeddedDynamoDb ddb) throws Exception {
        HttpResponse<String> response = post(ddb.endpoint(), "DynamoDB_20120810.PutItem", "{not json");

        JsonNode error = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.get("__type").asText()).endsWith("#SerializationException");
        assertThat(error.get("message").asText()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void validationError_hasAwsShape(EmbeddedDynamoDb ddb) throws Exception {
        HttpResponse<String> response =
                post(ddb.endpoint(), "DynamoDB_20120810.DescribeTable", "{\"TableName\":\"x\"}");

        JsonNode error = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.get("__type").asText()).isEqualTo("com.amazonaws.dynamodb.v20120810#ValidationException");
        assertThat(error.get("message").asText()).contains("Member must have length greater than or equal to 3");
    }

    @Test
    void missingTarget_isRejected(EmbeddedDynamoDb ddb) throws Exception {
        HttpResponse<String> response = post(ddb.endpoint(), null, "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UnknownOperationException").contains("X-Amz-Target");
    }

    @Test
    void endpoint_isLoopbackWithBoundPort(EmbeddedDynamoDb ddb) {
        assertThat(ddb.endpoint().toString()).isEqualTo("http://127.0.0.1:" + ddb.port());
        assertThat(ddb.port()).isPositive();
    }
}
