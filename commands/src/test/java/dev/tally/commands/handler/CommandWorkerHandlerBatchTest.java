package dev.tally.commands.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.tally.commands.ApplyOutcome;
import dev.tally.commands.CommandApplier;
import dev.tally.commands.CommandWorker;
import dev.tally.commands.QueuedMessage;
import dev.tally.commands.Unparseable;
import dev.tally.commands.UnparseableReason;
import dev.tally.commands.store.DeadLetterQueue;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.RejectionReason;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * The handler with the real batch logic ({@link CommandWorker}), driven by Lambda SQS event fixtures;
 * what the worker talks to (the applier, the dead-letter queue) is mocked.
 */
@ExtendWith(MockitoExtension.class)
class CommandWorkerHandlerBatchTest {

    @Mock
    private CommandApplier applier;

    @Mock
    private DeadLetterQueue deadLetters;

    private CommandWorkerHandler handler;

    @BeforeEach
    void setUp() {
        handler = new CommandWorkerHandler(new CommandWorker(applier, deadLetters));
    }

    @ParameterizedTest
    @Event(value = "events/sqs/create-debt.json", type = SQSEvent.class)
    void handleRequest_whenTheCommandApplies_reportsNoFailure(SQSEvent event) {
        when(applier.apply(any())).thenReturn(new ApplyOutcome.Applied(1, false));

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        ArgumentCaptor<CommandEnvelope> applied = ArgumentCaptor.forClass(CommandEnvelope.class);
        verify(applier).apply(applied.capture());
        assertThat(applied.getValue().commandId()).isEqualTo("cmd-a1");
        assertThat(applied.getValue().userId()).isEqualTo("user-a");
        assertThat(applied.getValue().debtId()).isEqualTo("0193f1a2-0000-7000-8000-00000000000a");
        verifyNoInteractions(deadLetters);
    }

    @ParameterizedTest
    @Event(value = "events/sqs/record-payment.json", type = SQSEvent.class)
    void handleRequest_whenTheCommandIsRejected_reportsSuccessSoItIsNeverRetried(SQSEvent event) {
        when(applier.apply(any())).thenReturn(new ApplyOutcome.Rejected(RejectionReason.OVERPAYMENT));

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        verifyNoInteractions(deadLetters);
    }

    @ParameterizedTest
    @Event(value = "events/sqs/two-groups.json", type = SQSEvent.class)
    void handleRequest_whenAnInfrastructureFaultHitsOneGroup_failsItAndTheRestOfThatGroupOnly(SQSEvent event) {
        when(applier.apply(any())).thenAnswer(call -> {
            CommandEnvelope command = call.getArgument(0);
            if (command.commandId().equals("cmd-a2")) {
                throw ProvisionedThroughputExceededException.builder()
                        .message("slow down")
                        .build();
            }
            return new ApplyOutcome.Applied(1, false);
        });

        SQSBatchResponse response = handler.handleRequest(event, null);

        List<SQSEvent.SQSMessage> records = event.getRecords();
        assertThat(failedIds(response))
                .containsExactly(records.get(1).getMessageId(), records.get(3).getMessageId());
        verify(applier, never()).apply(argThat(command -> command.commandId().equals("cmd-a3")));
        verify(applier).apply(argThat(command -> command.commandId().equals("cmd-b1")));
        verify(applier).apply(argThat(command -> command.commandId().equals("cmd-b2")));
    }

    @ParameterizedTest
    @CsvSource({
        "events/sqs/malformed-body.json, MALFORMED_JSON",
        "events/sqs/unknown-command-type.json, UNKNOWN_COMMAND_TYPE",
        "events/sqs/missing-fields.json, INVALID_COMMAND"
    })
    void handleRequest_whenTheBodyCanNeverBeParsed_movesItToTheDeadLetterQueueAndReportsSuccess(
            String fixture, UnparseableReason expectedReason) {
        SQSEvent event = EventLoader.loadSQSEvent(fixture);

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        ArgumentCaptor<QueuedMessage> moved = ArgumentCaptor.forClass(QueuedMessage.class);
        ArgumentCaptor<Unparseable> problem = ArgumentCaptor.forClass(Unparseable.class);
        verify(deadLetters).moveUnparseable(moved.capture(), problem.capture());
        assertThat(moved.getValue().messageId())
                .isEqualTo(event.getRecords().get(0).getMessageId());
        assertThat(moved.getValue().body()).isEqualTo(event.getRecords().get(0).getBody());
        assertThat(problem.getValue().reason()).isEqualTo(expectedReason);
        verifyNoInteractions(applier);
    }

    @ParameterizedTest
    @Event(value = "events/sqs/missing-fields.json", type = SQSEvent.class)
    void handleRequest_whenTheBodyMissesFields_namesThemWithoutQuotingTheBody(SQSEvent event) {
        handler.handleRequest(event, null);

        ArgumentCaptor<Unparseable> problem = ArgumentCaptor.forClass(Unparseable.class);
        verify(deadLetters).moveUnparseable(any(), problem.capture());
        assertThat(problem.getValue().detail())
                .contains("userId")
                .contains("amount")
                .doesNotContain("cash")
                .doesNotContain("cmd-z");
    }

    @ParameterizedTest
    @Event(value = "events/sqs/malformed-body.json", type = SQSEvent.class)
    void handleRequest_whenMovingToTheDeadLetterQueueFails_reportsABatchItemFailure(SQSEvent event) {
        doThrow(SdkClientException.create("connection reset")).when(deadLetters).moveUnparseable(any(), any());

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(failedIds(response))
                .containsExactly(event.getRecords().get(0).getMessageId());
    }

    @ParameterizedTest
    @Event(value = "events/sqs/poison-then-command.json", type = SQSEvent.class)
    void handleRequest_whenPoisonIsMoved_theNextCommandOfItsGroupStillApplies(SQSEvent event) {
        when(applier.apply(any())).thenReturn(new ApplyOutcome.Applied(2, false));

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        verify(applier).apply(argThat(command -> command.commandId().equals("cmd-a2")));
    }

    @ParameterizedTest
    @Event(value = "events/sqs/poison-then-command.json", type = SQSEvent.class)
    void handleRequest_whenPoisonCannotBeMoved_holdsBackTheRestOfItsGroup(SQSEvent event) {
        doThrow(SdkClientException.create("connection reset")).when(deadLetters).moveUnparseable(any(), any());

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(failedIds(response))
                .containsExactly(
                        event.getRecords().get(0).getMessageId(),
                        event.getRecords().get(1).getMessageId());
        verifyNoInteractions(applier);
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }
}
