package dev.tally.bench.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.local.dynamodb.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The raw client against the embedded server: answers come back over one connection, errors are not successes. */
class RawDynamoDbClientTest {

    private static EmbeddedDynamoDb server;

    @BeforeAll
    static void start() {
        server = EmbeddedDynamoDb.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void call_whenRequestsRepeatOnOneConnection_returnsEachAnswer() {
        try (RawDynamoDbClient client = new RawDynamoDbClient(server.endpoint())) {
            client.call(
                    "CreateTable",
                    "{\"TableName\":\"raw-test\",\"BillingMode\":\"PAY_PER_REQUEST\","
                            + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                            + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
            for (int i = 0; i < 3; i++) {
                client.call("PutItem", "{\"TableName\":\"raw-test\",\"Item\":{\"pk\":{\"S\":\"k" + i + "\"}}}");
            }

            assertThat(client.call("GetItem", "{\"TableName\":\"raw-test\",\"Key\":{\"pk\":{\"S\":\"k2\"}}}"))
                    .contains("\"Item\"", "k2");
        }
    }

    @Test
    void call_whenServerAnswersAnError_failsNamingStatusAndType() {
        try (RawDynamoDbClient client = new RawDynamoDbClient(server.endpoint())) {
            assertThatThrownBy(() ->
                            client.call("GetItem", "{\"TableName\":\"no-such-table\",\"Key\":{\"pk\":{\"S\":\"k\"}}}"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("GetItem answered HTTP 400")
                    .hasMessageContaining("ResourceNotFoundException");
        }
    }
}
