package dev.tally.commands.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.tally.commands.Commands;
import dev.tally.common.domain.Debt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

@ExtendWith(MockitoExtension.class)
class DynamoDbDebtStoreTest {

    private static final Commands COMMANDS = new Commands("user-a", "debt-1");

    @Mock
    private DynamoDbClient dynamoDb;

    @Test
    void save_whenTheDebtIsNew_putsOnlyIfNoDebtHasThatId() {
        PutItemRequest request = store().putRequest(COMMANDS.after(COMMANDS.create("cmd-1", 10_000)));

        assertThat(request.tableName()).isEqualTo("debts");
        assertThat(request.conditionExpression()).isEqualTo("attribute_not_exists(debtId)");
        assertThat(request.expressionAttributeValues()).isEmpty();
    }

    @Test
    void save_whenTheDebtChanges_putsOnlyIfTheStoredVersionIsTheOneItWasDecidedFrom() {
        Debt second = COMMANDS.after(COMMANDS.create("cmd-1", 10_000), COMMANDS.payment("cmd-2", 100));

        PutItemRequest request = store().putRequest(second);

        assertThat(request.conditionExpression()).isEqualTo("#version = :expected");
        assertThat(request.expressionAttributeNames()).containsEntry("#version", "version");
        assertThat(request.expressionAttributeValues().get(":expected").n()).isEqualTo("1");
        assertThat(request.item().get("version").n()).isEqualTo("2");
    }

    @Test
    void save_whenTheConditionFails_returnsFalseInsteadOfThrowing() {
        when(dynamoDb.putItem(any(PutItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder()
                        .message("The conditional request failed")
                        .build());

        assertThat(store().save(COMMANDS.after(COMMANDS.create("cmd-1", 10_000))))
                .isFalse();
    }

    private DynamoDbDebtStore store() {
        return new DynamoDbDebtStore(dynamoDb, "debts");
    }
}
