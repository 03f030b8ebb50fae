package dev.tally.commands.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tally.commands.QueuedMessage;
import dev.tally.commands.Unparseable;
import dev.tally.commands.UnparseableReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

@ExtendWith(MockitoExtension.class)
class SqsDeadLetterQueueTest {

    private static final String DLQ_URL = "http://127.0.0.1:9324/000000000000/commands-dlq.fifo";

    @Mock
    private SqsClient sqs;

    @Test
    void moveUnparseable_whenCalled_sendsTheBodyUnchangedInTheSameGroupWithTheReason() {
        QueuedMessage message = new QueuedMessage("m-1", "user-1", "{not json", 1);

        new SqsDeadLetterQueue(sqs, DLQ_URL)
                .moveUnparseable(
                        message, new Unparseable(UnparseableReason.MALFORMED_JSON, "the body is not valid JSON"));

        ArgumentCaptor<SendMessageRequest> sent = ArgumentCaptor.forClass(SendMessageRequest.class);
        verify(sqs).sendMessage(sent.capture());
        SendMessageRequest request = sent.getValue();
        assertThat(request.queueUrl()).isEqualTo(DLQ_URL);
        assertThat(request.messageBody()).isEqualTo("{not json");
        assertThat(request.messageGroupId()).isEqualTo("user-1");
        assertThat(request.messageDeduplicationId()).isEqualTo("unparseable-m-1");
        assertThat(request.messageAttributes()
                        .get(SqsDeadLetterQueue.FAILURE_REASON)
                        .stringValue())
                .isEqualTo("MALFORMED_JSON");
        assertThat(request.messageAttributes()
                        .get(SqsDeadLetterQueue.FAILURE_DETAIL)
                        .stringValue())
                .isEqualTo("the body is not valid JSON");
        assertThat(request.messageAttributes()
                        .get(SqsDeadLetterQueue.ORIGINAL_MESSAGE_ID)
                        .stringValue())
                .isEqualTo("m-1");
    }

    @Test
    void moveUnparseable_whenTheMessageHasNoGroup_usesAFixedGroupBecauseTheDeadLetterQueueIsFifo() {
        SendMessageRequest request = new SqsDeadLetterQueue(sqs, DLQ_URL)
                .request(
                        new QueuedMessage("m-2", null, "x", 1),
                        new Unparseable(UnparseableReason.MALFORMED_JSON, "the body is not valid JSON"));

        assertThat(request.messageGroupId()).isEqualTo(SqsDeadLetterQueue.GROUP_WHEN_ABSENT);
    }

    @Test
    void moveUnparseable_whenSqsFails_throwsSoTheMessageIsNotAcknowledged() {
        when(sqs.sendMessage(any(SendMessageRequest.class)))
                .thenThrow(SqsException.builder()
                        .message("throttled")
                        .statusCode(503)
                        .build());

        assertThatThrownBy(() -> new SqsDeadLetterQueue(sqs, DLQ_URL)
                        .moveUnparseable(
                                new QueuedMessage("m-3", "user-1", "x", 1),
                                new Unparseable(UnparseableReason.MALFORMED_JSON, "the body is not valid JSON")))
                .isInstanceOf(SqsException.class);
    }
}
