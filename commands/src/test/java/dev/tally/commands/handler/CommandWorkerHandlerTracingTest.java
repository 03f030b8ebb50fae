package dev.tally.commands.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tally.commands.ApplyOutcome;
import dev.tally.commands.CommandApplier;
import dev.tally.commands.CommandWorker;
import dev.tally.commands.store.DeadLetterQueue;
import dev.tally.common.testing.TestLambdaContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * The woven Powertools tracing (a failed weave makes this fail): the handler's subsegment carries
 * {@code ColdStart} and the function name, and each message gets its own subsegment annotated with its
 * command type.
 */
@ExtendWith(MockitoExtension.class)
class CommandWorkerHandlerTracingTest {

    @Mock
    private CommandApplier applier;

    @Mock
    private DeadLetterQueue deadLetters;

    @Test
    void handleRequest_whenTraced_annotatesTheInvocationAndEachCommandType() {
        when(applier.apply(any())).thenReturn(new ApplyOutcome.Applied(1, false));
        CommandWorkerHandler handler = new CommandWorkerHandler(new CommandWorker(applier, deadLetters));
        Subsegment invocation = invocation(handler, EventLoader.loadSQSEvent("events/sqs/two-groups.json"));

        assertThat(invocation.getAnnotations())
                .containsKeys("ColdStart", "Service")
                .containsEntry("FunctionName", "CommandWorkerFunction");
        List<Object> commandTypes = invocation.getSubsegmentsCopy().stream()
                .filter(s -> s.getName().equals("## apply command"))
                .map(s -> s.getAnnotations().get("CommandType"))
                .toList();
        assertThat(commandTypes)
                .containsExactly("CREATE_DEBT", "RECORD_PAYMENT", "CREATE_DEBT", "RECORD_PAYMENT", "RECORD_PAYMENT");
    }

    @Test
    void handleRequest_whenTheMessageIsAReplay_annotatesItsApplyWithTheDeadLetterMessageId() {
        when(applier.apply(any())).thenReturn(new ApplyOutcome.Applied(2, false));
        CommandWorkerHandler handler = new CommandWorkerHandler(new CommandWorker(applier, deadLetters));
        Subsegment invocation = invocation(handler, EventLoader.loadSQSEvent("events/sqs/replayed-payment.json"));

        assertThat(invocation.getSubsegmentsCopy())
                .filteredOn(s -> s.getName().equals("## apply command"))
                .singleElement()
                .satisfies(apply -> assertThat(apply.getAnnotations())
                        .containsEntry("ReplayOf", "9b2f6c1e-1111-4a4a-9a9a-0000000000d1"));
    }

    /** Runs the handler inside a segment and returns its {@code ## handleRequest} subsegment. */
    private static Subsegment invocation(CommandWorkerHandler handler, SQSEvent event) {
        Segment segment = AWSXRay.beginSegment("CommandWorkerFunction");
        try {
            handler.handleRequest(event, new TestLambdaContext("CommandWorkerFunction"));
            return segment.getSubsegmentsCopy().stream()
                    .filter(s -> s.getName().equals("## handleRequest"))
                    .findFirst()
                    .orElseThrow();
        } finally {
            AWSXRay.endSegment();
        }
    }
}
