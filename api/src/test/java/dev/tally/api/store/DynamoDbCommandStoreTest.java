package dev.tally.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.CommandType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

class DynamoDbCommandStoreTest {

    private static final Instant ACCEPTED_AT = Instant.parse("2026-11-27T10:15:30.250Z");
    private static final Instant EXPIRES_AT = Instant.parse("2026-12-27T10:15:30Z");
    private static final CommandRecord PAYMENT = CommandRecord.accepted(
            "user-1",
            "payment-0001",
            CommandType.RECORD_PAYMENT,
            "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90",
            "ab12",
            ACCEPTED_AT,
            EXPIRES_AT);

    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final DynamoDbCommandStore store = new DynamoDbCommandStore(dynamoDb, "commands");

    @Test
    void recordAccepted_whenNew_putsTheAcceptedItemOnlyIfAbsentWithNumericTtl() {
        when(dynamoDb.putItem(any(PutItemRequest.class)))
                .thenReturn(PutItemResponse.builder().build());

        assertThat(store.recordAccepted(PAYMENT)).isEqualTo(new AcceptResult.Recorded());

        ArgumentCaptor<PutItemRequest> captor = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(captor.capture());
        PutItemRequest put = captor.getValue();
        assertThat(put.tableName()).isEqualTo("commands");
        assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(commandId)");
        assertThat(put.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        assertThat(put.item())
                .containsEntry("userId", AttributeValue.fromS("user-1"))
                .containsEntry("commandId", AttributeValue.fromS("payment-0001"))
                .containsEntry("type", AttributeValue.fromS("RECORD_PAYMENT"))
                .containsEntry("status", AttributeValue.fromS("ACCEPTED"))
                .containsEntry("debtId", AttributeValue.fromS(PAYMENT.debtId()))
                .containsEntry("requestHash", AttributeValue.fromS("ab12"))
                .containsEntry("acceptedAt", AttributeValue.fromS("2026-11-27T10:15:30.250Z"))
                .containsEntry(
                        "expiresAt",
                        AttributeValue.fromN(Long.toString(Instant.parse("2026-11-27T10:15:30.250Z")
                                .plus(Duration.ofDays(30))
                                .getEpochSecond())));
    }

    @Test
    void recordAccepted_whenTheIdExists_returnsTheOldItemFromTheFailedCondition() {
        Map<String, AttributeValue> old = Map.of(
                "userId", AttributeValue.fromS("user-1"),
                "commandId", AttributeValue.fromS("payment-0001"),
                "type", AttributeValue.fromS("RECORD_PAYMENT"),
                "status", AttributeValue.fromS("APPLIED"),
                "debtId", AttributeValue.fromS(PAYMENT.debtId()),
                "requestHash", AttributeValue.fromS("ab12"),
                "acceptedAt", AttributeValue.fromS("2026-11-27T10:00:00Z"),
                "expiresAt", AttributeValue.fromN("1796000000"),
                "debtVersion", AttributeValue.fromN("3"));
        when(dynamoDb.putItem(any(PutItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder()
                        .message("exists")
                        .item(old)
                        .build());

        AcceptResult result = store.recordAccepted(PAYMENT);

        assertThat(result)
                .isEqualTo(new AcceptResult.AlreadyRecorded(new CommandRecord(
                        "user-1",
                        "payment-0001",
                        CommandType.RECORD_PAYMENT,
                        CommandStatus.Status.APPLIED,
                        PAYMENT.debtId(),
                        "ab12",
                        Instant.parse("2026-11-27T10:00:00Z"),
                        Instant.ofEpochSecond(1_796_000_000L),
                        null,
                        3L)));
        verify(dynamoDb, never()).getItem(any(GetItemRequest.class));
    }

    @Test
    void recordAccepted_whenTheEndpointReturnsNoOldItem_readsItConsistently() {
        when(dynamoDb.putItem(any(PutItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder()
                        .message("exists")
                        .build());
        when(dynamoDb.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder()
                        .item(new DynamoDbCommandStore(dynamoDb, "commands")
                                .acceptRequest(PAYMENT)
                                .item())
                        .build());

        AcceptResult result = store.recordAccepted(PAYMENT);

        assertThat(result).isEqualTo(new AcceptResult.AlreadyRecorded(PAYMENT));
        ArgumentCaptor<GetItemRequest> captor = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamoDb).getItem(captor.capture());
        assertThat(captor.getValue().consistentRead()).isTrue();
        assertThat(captor.getValue().key())
                .isEqualTo(Map.of(
                        "userId", AttributeValue.fromS("user-1"), "commandId", AttributeValue.fromS("payment-0001")));
    }

    @Test
    void find_whenAbsent_isEmpty() {
        when(dynamoDb.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder().build());

        assertThat(store.find("user-1", "nope")).isEmpty();
    }
}
