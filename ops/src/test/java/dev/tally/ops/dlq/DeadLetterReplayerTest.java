package dev.tally.ops.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The cases ElasticMQ cannot produce on demand: a delete that fails after a successful send. */
class DeadLetterReplayerTest {

    private static final String DLQ = "http://sqs/000000000000/commands-dlq.fifo";
    private static final String QUEUE = "http://sqs/000000000000/commands.fifo";

    private final SqsClient sqs = mock(SqsClient.class);
    private final Message message = Message.builder().messageId("m-1").receiptHandle("r-1").body("{\"secret\":1}")
            .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, "user-1")).build();

    @Test
    @SuppressWarnings("unchecked")
    void replay_whenTheDeleteFailsAfterTheSend_reportsAFailureWithoutTheBody_andReleasesTheMessage() {
        when(sqs.receiveMessage(any(Consumer.class)))
                .thenReturn(ReceiveMessageResponse.builder().messages(message).build())
                .thenReturn(ReceiveMessageResponse.builder().messages(List.of()).build());
        when(sqs.sendMessage(any(Consumer.class))).thenReturn(SendMessageResponse.builder().build());
        when(sqs.deleteMessage(any(Consumer.class))).thenThrow(SqsException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ReceiptHandleIsInvalid").build()).build());

        ReplayResult result = new DeadLetterReplayer(sqs, DLQ, QUEUE).replay(10, false, false);

        assertThat(result.counts()).isEqualTo("replayed=0 skipped=0 failed=1");
        assertThat(result.failures()).singleElement().asString()
                .contains("m-1").contains("sent, but not deleted").contains("ReceiptHandleIsInvalid").doesNotContain("secret");
        ArgumentCaptor<Consumer<SendMessageRequest.Builder>> send = ArgumentCaptor.forClass(Consumer.class);
        verify(sqs).sendMessage(send.capture());
        SendMessageRequest.Builder sent = SendMessageRequest.builder();
        send.getValue().accept(sent);
        assertThat(sent.build().queueUrl()).isEqualTo(QUEUE);
        assertThat(sent.build().messageGroupId()).isEqualTo("user-1");
        assertThat(sent.build().messageDeduplicationId()).startsWith("replay-").isNotEqualTo("replay-m-1");
        verify(sqs, atLeastOnce()).changeMessageVisibility(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void replay_whenTheSendFails_neverDeletes() {
        when(sqs.receiveMessage(any(Consumer.class)))
                .thenReturn(ReceiveMessageResponse.builder().messages(message).build())
                .thenReturn(ReceiveMessageResponse.builder().messages(List.of()).build());
        when(sqs.sendMessage(any(Consumer.class))).thenThrow(SqsException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build());

        ReplayResult result = new DeadLetterReplayer(sqs, DLQ, QUEUE).replay(10, false, false);

        assertThat(result.counts()).isEqualTo("replayed=0 skipped=0 failed=1");
        assertThat(result.failures()).singleElement().asString().contains("send failed, left in the DLQ: AccessDenied");
        verify(sqs, never()).deleteMessage(any(Consumer.class));
        verify(sqs, never()).deleteMessage(any(DeleteMessageRequest.class));
    }
}
