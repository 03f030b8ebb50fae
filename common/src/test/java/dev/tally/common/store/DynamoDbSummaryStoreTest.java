package dev.tally.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.tally.common.domain.Summary;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

class DynamoDbSummaryStoreTest {

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final DynamoDbSummaryStore store = new DynamoDbSummaryStore(client, "summaries");

    @Test
    void putRequest_whenTheFirstRevision_requiresThatNoSummaryExists() {
        PutItemRequest request = store.putRequest(summary(1));

        assertThat(request.tableName()).isEqualTo("summaries");
        assertThat(request.conditionExpression()).isEqualTo("attribute_not_exists(userId)");
        assertThat(request.item().get("revision").n()).isEqualTo("1");
    }

    @Test
    void putRequest_whenALaterRevision_requiresThePreviousRevision() {
        PutItemRequest request = store.putRequest(summary(5));

        assertThat(request.conditionExpression()).isEqualTo("#revision = :expected");
        assertThat(request.expressionAttributeNames()).containsEntry("#revision", "revision");
        assertThat(request.expressionAttributeValues().get(":expected").n()).isEqualTo("4");
    }

    @Test
    void save_whenTheConditionFails_returnsFalseInsteadOfThrowing() {
        when(client.putItem(any(PutItemRequest.class)))
                .thenThrow(
                        ConditionalCheckFailedException.builder().message("no").build());

        assertThat(store.save(summary(2))).isFalse();
    }

    private static StoredSummary summary(long revision) {
        return new StoredSummary(
                "user-1", Summary.EMPTY, Map.of("debt-1", 1L), revision, Instant.parse("2026-11-27T12:00:00Z"));
    }
}
