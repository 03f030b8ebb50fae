package dev.tally.commands.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isA;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.tally.commands.CommandWorker;
import dev.tally.commands.QueuedMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** The handler alone: Lambda's SQS event in, our messages to the worker, its failures back as the batch response. */
@ExtendWith(MockitoExtension.class)
class CommandWorkerHandlerTest {

    @Mock
    private CommandWorker worker;

    @ParameterizedTest
    @Event(value = "events/sqs/redelivered-payment.json", type = SQSEvent.class)
    void handleRequest_whenCalled_passesIdGroupBodyAndReceiveCountInOrder(SQSEvent event) {
        when(worker.process(anyList(), any())).thenReturn(List.of());

        new CommandWorkerHandler(worker).handleRequest(event, null);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<QueuedMessage>> messages = ArgumentCaptor.forClass(List.class);
        verify(worker).process(messages.capture(), any());
        SQSEvent.SQSMessage record = event.getRecords().get(0);
        assertThat(messages.getValue())
                .containsExactly(new QueuedMessage(record.getMessageId(), "user-a", record.getBody(), 3));
    }

    @ParameterizedTest
    @Event(value = "events/sqs/replayed-payment.json", type = SQSEvent.class)
    void handleRequest_whenTheMessageIsAReplay_passesTheDeadLetterMessageIdItReplays(SQSEvent event) {
        when(worker.process(anyList(), any())).thenReturn(List.of());

        new CommandWorkerHandler(worker).handleRequest(event, null);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<QueuedMessage>> messages = ArgumentCaptor.forClass(List.class);
        verify(worker).process(messages.capture(), any());
        assertThat(messages.getValue())
                .singleElement()
                .extracting(QueuedMessage::replayOf)
                .isEqualTo("9b2f6c1e-1111-4a4a-9a9a-0000000000d1");
    }

    @ParameterizedTest
    @Event(value = "events/sqs/two-groups.json", type = SQSEvent.class)
    void handleRequest_whenTheWorkerReportsFailures_returnsThemAsBatchItemFailures(SQSEvent event) {
        String second = event.getRecords().get(1).getMessageId();
        String fourth = event.getRecords().get(3).getMessageId();
        when(worker.process(anyList(), any())).thenReturn(List.of(second, fourth));

        SQSBatchResponse response = new CommandWorkerHandler(worker).handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(second, fourth);
    }

    @ParameterizedTest
    @Event(value = "events/sqs/create-debt.json", type = SQSEvent.class)
    void handleRequest_whenEverythingSucceeds_returnsAnEmptyFailureList(SQSEvent event) {
        when(worker.process(anyList(), any())).thenReturn(List.of());

        SQSBatchResponse response = new CommandWorkerHandler(worker).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void handleRequest_whenTheEventHasNoRecords_processesAnEmptyBatch() {
        when(worker.process(any(), any())).thenReturn(List.of());

        SQSBatchResponse response = new CommandWorkerHandler(worker).handleRequest(new SQSEvent(), null);

        // The handler observes the worker through Powertools (ADR 0168).
        verify(worker).process(eq(List.of()), isA(PowertoolsWorkerObservation.class));
        assertThat(response.getBatchItemFailures()).isEmpty();
    }
}
