package dev.tally.projections.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.projections.SummaryProjector;
import dev.tally.projections.store.InMemorySummaryStore;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The woven Powertools tracing (a failed weave makes this fail): the invocation carries ColdStart and the function name. */
class SummaryProjectionHandlerTracingTest {

    @Test
    void handleRequest_whenTraced_annotatesTheInvocationWithColdStartAndFunctionName() {
        SummaryProjectionHandler handler =
                new SummaryProjectionHandler(new SummaryProjector(new InMemorySummaryStore(), Clock.systemUTC()));

        Segment segment = AWSXRay.beginSegment("SummaryProjectionFunction");
        Subsegment invocation;
        try {
            handler.handleRequest(
                    EventLoader.loadDynamoDbEvent("events/dynamodb/insert.json"),
                    new TestLambdaContext("SummaryProjectionFunction"));
            invocation = segment.getSubsegmentsCopy().stream()
                    .filter(s -> s.getName().equals("## handleRequest"))
                    .findFirst()
                    .orElseThrow();
        } finally {
            AWSXRay.endSegment();
        }

        assertThat(invocation.getAnnotations())
                .containsKey("ColdStart")
                .containsEntry("FunctionName", "SummaryProjectionFunction");
    }
}
