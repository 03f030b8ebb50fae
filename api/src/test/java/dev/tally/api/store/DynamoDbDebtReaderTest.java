package dev.tally.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tally.api.query.TestDebts;
import dev.tally.common.domain.Debt;
import dev.tally.common.store.DebtItem;
import dev.tally.events.DebtStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

class DynamoDbDebtReaderTest {

    private static final String USER = "user-1";

    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final DynamoDbDebtReader reader = new DynamoDbDebtReader(dynamoDb, "debts", 10);

    @Test
    void queryRequest_withAFilter_queriesTheUsersPartitionInOrderConsistentlyAndFiltersByStatus() {
        QueryRequest request = reader.queryRequest(USER, DebtStatus.SETTLED, DynamoDbDebtReader.key(USER, "d-1"), 3);

        assertThat(request.tableName()).isEqualTo("debts");
        assertThat(request.keyConditionExpression()).isEqualTo("#userId = :userId");
        assertThat(request.filterExpression()).isEqualTo("#status = :status");
        assertThat(request.expressionAttributeNames())
                .containsEntry("#userId", "userId")
                .containsEntry("#status", "status");
        assertThat(request.expressionAttributeValues())
                .containsEntry(":userId", AttributeValue.fromS(USER))
                .containsEntry(":status", AttributeValue.fromS("SETTLED"));
        assertThat(request.exclusiveStartKey()).isEqualTo(DynamoDbDebtReader.key(USER, "d-1"));
        assertThat(request.consistentRead()).isTrue();
        assertThat(request.scanIndexForward()).isTrue();
        assertThat(request.limit())
                .as("a filtered request evaluates at least the batch")
                .isEqualTo(10);
    }

    @Test
    void queryRequest_withoutAFilter_asksForExactlyTheItemsStillWanted() {
        QueryRequest request = reader.queryRequest(USER, null, null, 3);

        assertThat(request.filterExpression()).isNull();
        assertThat(request.limit()).isEqualTo(3);
        assertThat(request.hasExclusiveStartKey()).isFalse();
    }

    @Test
    void page_whenFilteredResponsesComeBackShortOrEmpty_keepsQueryingUntilOneMoreThanTheLimit() {
        Debt d1 = TestDebts.withStatus(USER, "d-1", DebtStatus.OPEN);
        Debt d2 = TestDebts.withStatus(USER, "d-2", DebtStatus.OPEN);
        Debt d3 = TestDebts.withStatus(USER, "d-3", DebtStatus.OPEN);
        when(dynamoDb.query(any(QueryRequest.class)))
                .thenReturn(
                        response(List.of(), DynamoDbDebtReader.key(USER, "d-0")),
                        response(List.of(d1), DynamoDbDebtReader.key(USER, "d-1")),
                        response(List.of(d2, d3), DynamoDbDebtReader.key(USER, "d-3")));

        DebtPage page = reader.page(USER, DebtStatus.OPEN, null, 2);

        assertThat(page.debts()).containsExactly(d1, d2);
        assertThat(page.hasMore()).isTrue();
        ArgumentCaptor<QueryRequest> requests = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb, times(3)).query(requests.capture());
        assertThat(requests.getAllValues())
                .extracting(QueryRequest::exclusiveStartKey)
                .containsExactly(Map.of(), DynamoDbDebtReader.key(USER, "d-0"), DynamoDbDebtReader.key(USER, "d-1"));
    }

    @Test
    void page_whenTheFilterMatchesNothingForManyRounds_stopsAfterMaxRoundsAndResumesAfterTheLastEvaluatedKey() {
        when(dynamoDb.query(any(QueryRequest.class))).thenAnswer(invocation -> {
            QueryRequest request = invocation.getArgument(0);
            int next = request.hasExclusiveStartKey()
                    ? Integer.parseInt(request.exclusiveStartKey()
                                    .get("debtId")
                                    .s()
                                    .substring(2))
                            + 1
                    : 0;
            return response(List.of(), DynamoDbDebtReader.key(USER, "d-" + next));
        });

        DebtPage page = reader.page(USER, DebtStatus.CANCELLED, null, 20);

        assertThat(page.debts()).isEmpty();
        assertThat(page.hasMore()).isTrue();
        assertThat(page.resumeAfter()).isEqualTo("d-" + (DynamoDbDebtReader.MAX_ROUNDS - 1));
        verify(dynamoDb, times(DynamoDbDebtReader.MAX_ROUNDS)).query(any(QueryRequest.class));
    }

    @Test
    void page_whenThePartitionEndsAtTheLimit_hasNoMore() {
        Debt d1 = TestDebts.withStatus(USER, "d-1", DebtStatus.OPEN);
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(response(List.of(d1), null));

        DebtPage page = reader.page(USER, null, null, 1);

        assertThat(page.debts()).containsExactly(d1);
        assertThat(page.hasMore()).isFalse();
        verify(dynamoDb, times(1)).query(any(QueryRequest.class));
    }

    private static QueryResponse response(List<Debt> debts, Map<String, AttributeValue> lastEvaluatedKey) {
        return QueryResponse.builder()
                .items(debts.stream().map(DebtItem::toItem).toList())
                .lastEvaluatedKey(lastEvaluatedKey)
                .build();
    }
}
