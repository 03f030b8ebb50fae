package dev.tally.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoDbUserStoreTest {

    private static final NewUser ADA = new NewUser(
            "6b1f0c2e-7d4a-4c1b-9f3e-2a5d8c7b1e90",
            "ada@example.com",
            "Ada Lovelace",
            "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==",
            Instant.parse("2026-11-27T10:00:00Z"));

    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final DynamoDbUserStore store = new DynamoDbUserStore(dynamoDb, "users");

    @Test
    void create_whenBothItemsAreNew_writesUserAndEmailItemsInOneConditionalTransaction() {
        when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        assertThat(store.create(ADA)).isEqualTo(CreateUserResult.CREATED);

        ArgumentCaptor<TransactWriteItemsRequest> captor = ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(dynamoDb).transactWriteItems(captor.capture());
        var items = captor.getValue().transactItems();
        assertThat(items).hasSize(2).allSatisfy(item -> {
            assertThat(item.put().tableName()).isEqualTo("users");
            assertThat(item.put().conditionExpression()).isEqualTo("attribute_not_exists(pk)");
        });
        Put user = items.get(0).put();
        assertThat(user.item())
                .containsEntry("pk", AttributeValue.fromS("USER#" + ADA.userId()))
                .containsEntry("userId", AttributeValue.fromS(ADA.userId()))
                .containsEntry("email", AttributeValue.fromS("ada@example.com"))
                .containsEntry("displayName", AttributeValue.fromS("Ada Lovelace"))
                .containsEntry("createdAt", AttributeValue.fromS("2026-11-27T10:00:00Z"))
                .doesNotContainKey("passwordHash");
        Put email = items.get(1).put();
        assertThat(email.item())
                .containsEntry("pk", AttributeValue.fromS("EMAIL#ada@example.com"))
                .containsEntry("userId", AttributeValue.fromS(ADA.userId()))
                .containsEntry("passwordHash", AttributeValue.fromS(ADA.passwordHash()));
    }

    @Test
    void create_whenEmailItemConditionFails_returnsEmailTaken() {
        when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled("None", "ConditionalCheckFailed"));

        assertThat(store.create(ADA)).isEqualTo(CreateUserResult.EMAIL_TAKEN);
        verify(dynamoDb, times(1)).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void create_whenTransactionConflictsOnce_retriesAndSeesTheWinnersEmail() {
        when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled("None", "TransactionConflict"))
                .thenThrow(cancelled("None", "ConditionalCheckFailed"));

        assertThat(store.create(ADA)).isEqualTo(CreateUserResult.EMAIL_TAKEN);
        verify(dynamoDb, times(2)).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void create_whenConflictsPersist_givesUpAfterBoundedAttempts() {
        when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled("TransactionConflict", "None"));

        assertThatThrownBy(() -> store.create(ADA)).isInstanceOf(TransactionCanceledException.class);
        verify(dynamoDb, times(DynamoDbUserStore.MAX_ATTEMPTS))
                .transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void create_whenUserIdCollides_failsLoudlyInsteadOfClaimingTheEmailIsTaken() {
        when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled("ConditionalCheckFailed", "None"));

        assertThatThrownBy(() -> store.create(ADA))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ADA.userId());
    }

    @Test
    void findCredentials_whenEmailIsRegistered_readsTheEmailItemConsistently() {
        when(dynamoDb.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder()
                        .item(Map.of(
                                "pk",
                                AttributeValue.fromS("EMAIL#ada@example.com"),
                                "userId",
                                AttributeValue.fromS(ADA.userId()),
                                "passwordHash",
                                AttributeValue.fromS(ADA.passwordHash())))
                        .build());

        assertThat(store.findCredentials("ada@example.com"))
                .contains(new UserCredentials(ADA.userId(), ADA.passwordHash()));

        ArgumentCaptor<GetItemRequest> captor = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamoDb).getItem(captor.capture());
        assertThat(captor.getValue().tableName()).isEqualTo("users");
        assertThat(captor.getValue().key()).isEqualTo(Map.of("pk", AttributeValue.fromS("EMAIL#ada@example.com")));
        assertThat(captor.getValue().consistentRead()).isTrue();
    }

    @Test
    void findCredentials_whenEmailIsUnknown_isEmpty() {
        when(dynamoDb.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder().build());

        assertThat(store.findCredentials("nobody@example.com")).isEmpty();
    }

    @Test
    void toString_neverShowsThePasswordHash() {
        assertThat(ADA.toString()).doesNotContain(ADA.passwordHash());
        assertThat(new UserCredentials(ADA.userId(), ADA.passwordHash()).toString())
                .doesNotContain(ADA.passwordHash());
    }

    private static TransactionCanceledException cancelled(String userItemCode, String emailItemCode) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled")
                .cancellationReasons(
                        CancellationReason.builder().code(userItemCode).build(),
                        CancellationReason.builder().code(emailItemCode).build())
                .build();
    }
}
