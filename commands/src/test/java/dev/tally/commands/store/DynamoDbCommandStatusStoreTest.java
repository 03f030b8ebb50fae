package dev.tally.commands.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tally.commands.Commands;
import dev.tally.events.command.RejectionReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

@ExtendWith(MockitoExtension.class)
class DynamoDbCommandStatusStoreTest {

    private static final Commands COMMANDS = new Commands("user-a", "debt-1");
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Mock
    private DynamoDbClient dynamoDb;

    @Test
    void recordApplied_whenCalled_updatesOnlyACommandWithoutOutcomeAndSetsTheExpiryIfAbsent() {
        var command = COMMANDS.payment("cmd-2", 100);

        assertThat(store().recordApplied(command, 7)).isTrue();

        UpdateItemRequest request = captured();
        assertThat(request.key().get("userId").s()).isEqualTo("user-a");
        assertThat(request.key().get("commandId").s()).isEqualTo("cmd-2");
        assertThat(request.conditionExpression()).isEqualTo("attribute_not_exists(#commandId) OR #status = :accepted");
        assertThat(request.updateExpression())
                .contains("#expiresAt = :expiresAt")
                .contains("#debtVersion = :debtVersion")
                .doesNotContain("#reason");
        assertThat(request.expressionAttributeValues().get(":status").s()).isEqualTo("APPLIED");
        assertThat(request.expressionAttributeValues().get(":accepted").s()).isEqualTo("ACCEPTED");
        assertThat(request.expressionAttributeValues().get(":debtVersion").n()).isEqualTo("7");
        assertThat(request.expressionAttributeValues().get(":type").s()).isEqualTo("RECORD_PAYMENT");
        assertThat(request.expressionAttributeValues().get(":expiresAt").n())
                .isEqualTo(Long.toString(NOW.plus(Duration.ofDays(30)).getEpochSecond()));
        assertThat(request.expressionAttributeNames())
                .containsEntry("#debtVersion", "debtVersion")
                .doesNotContainKey("#reason");
    }

    @Test
    void recordRejected_whenCalled_recordsTheReasonByName() {
        var command = COMMANDS.payment("cmd-2", 100);

        store().recordRejected(command, RejectionReason.OVERPAYMENT);

        UpdateItemRequest request = captured();
        assertThat(request.updateExpression()).contains("#reason = :reason").doesNotContain("#debtVersion");
        assertThat(request.expressionAttributeValues().get(":status").s()).isEqualTo("REJECTED");
        assertThat(request.expressionAttributeValues().get(":reason").s()).isEqualTo("OVERPAYMENT");
    }

    @Test
    void recordApplied_whenAnOutcomeIsAlreadyRecorded_returnsFalseAndLeavesIt() {
        when(dynamoDb.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder()
                        .message("The conditional request failed")
                        .build());

        assertThat(store().recordApplied(COMMANDS.payment("cmd-2", 100), 2)).isFalse();
    }

    private UpdateItemRequest captured() {
        ArgumentCaptor<UpdateItemRequest> request = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamoDb).updateItem(request.capture());
        return request.getValue();
    }

    private DynamoDbCommandStatusStore store() {
        return new DynamoDbCommandStatusStore(dynamoDb, "commands", Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
