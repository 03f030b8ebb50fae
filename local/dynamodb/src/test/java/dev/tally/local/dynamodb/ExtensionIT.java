package dev.tally.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ExtensionIT {

    @RegisterExtension
    static DynamoDbExtension ddb = DynamoDbExtension.create();

    static URI outerEndpoint;

    @Test
    void outer_hasARunningServer() {
        outerEndpoint = ddb.endpoint();
        try (DynamoDbClient client = LocalClients.dynamoDb(ddb.endpoint())) {
            assertThat(client.listTables().tableNames()).isNotNull();
        }
    }

    @Nested
    class Inner {
        @Test
        void nested_sharesTheOuterServer() {
            try (DynamoDbClient client = LocalClients.dynamoDb(ddb.endpoint())) {
                LocalClients.createTable(client, "nested", null, null);
                assertThat(client.listTables().tableNames()).contains("nested");
            }
            if (outerEndpoint != null) {
                assertThat(ddb.endpoint()).isEqualTo(outerEndpoint);
            }
        }
    }
}
