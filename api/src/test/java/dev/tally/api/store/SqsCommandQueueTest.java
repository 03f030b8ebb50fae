package dev.tally.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.SettleDebt;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

class SqsCommandQueueTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/commands.fifo";
    private static final CommandEnvelope SETTLE = CommandEnvelope.of(
            "settle-0001",
            "user-1",
            Instant.parse("2026-11-27T10:15:30Z"),
            "corr-1",
            new SettleDebt("019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90", "paid"));

    private final SqsClient sqs = mock(SqsClient.class);
    private final SqsCommandQueue queue = new SqsCommandQueue(sqs, QUEUE);

    @Test
    void send_groupsByUserDeduplicatesOnCommandIdAndTagsTheType() {
        when(sqs.sendMessage(any(SendMessageRequest.class)))
                .thenReturn(SendMessageResponse.builder().messageId("m-1").build());

        queue.send(SETTLE);

        ArgumentCaptor<SendMessageRequest> captor = ArgumentCaptor.forClass(SendMessageRequest.class);
        verify(sqs).sendMessage(captor.capture());
        SendMessageRequest request = captor.getValue();
        assertThat(request.queueUrl()).isEqualTo(QUEUE);
        assertThat(request.messageGroupId()).isEqualTo("user-1");
        assertThat(request.messageDeduplicationId()).isEqualTo("settle-0001");
        assertThat(request.messageAttributes().get("commandType").dataType()).isEqualTo("String");
        assertThat(request.messageAttributes().get("commandType").stringValue()).isEqualTo("SETTLE_DEBT");
        assertThat(CommandEnvelope.parse(request.messageBody()).orElseThrow()).isEqualTo(SETTLE);
    }

    @Test
    void send_whenSqsFails_throwsTheQueueFailureNamingTheCommandOnly() {
        when(sqs.sendMessage(any(SendMessageRequest.class))).thenThrow(SdkClientException.create("connect timed out"));

        assertThatThrownBy(() -> queue.send(SETTLE))
                .isInstanceOf(CommandQueueException.class)
                .hasMessageContaining("settle-0001")
                .hasMessageNotContaining("paid");
    }
}
