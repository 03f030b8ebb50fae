package dev.tally.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Subsegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import software.amazon.lambda.powertools.logging.LoggingUtils;

class TraceAnnotationsTest {

    private Subsegment subsegment;

    @BeforeEach
    void openSegment() {
        ColdStart.reset();
        AWSXRay.beginSegment("tally-test");
        subsegment = AWSXRay.beginSubsegment("## handleRequest");
    }

    @AfterEach
    void discardSegment() {
        AWSXRay.getGlobalRecorder().clearTraceEntity(); // never emitted to a daemon
        LoggingUtils.removeKeys("commandType");
    }

    @Test
    void invocation_annotatesTheFunctionNameAndReportsTheColdStartOnlyOnce() {
        Context context = Mockito.mock(Context.class);
        Mockito.when(context.getFunctionName()).thenReturn("tally-CommandWorkerFunction");

        boolean first = TraceAnnotations.invocation(context);
        boolean second = TraceAnnotations.invocation(context);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(subsegment.getAnnotations())
                .containsEntry(TraceAnnotations.FUNCTION_NAME, "tally-CommandWorkerFunction");
    }

    @Test
    void invocation_leavesPowertoolsColdStartAnnotationAsItIs() {
        subsegment.putAnnotation(TraceAnnotations.COLD_START, true); // what Powertools' @Tracing wrote

        TraceAnnotations.invocation(null);
        TraceAnnotations.invocation(null);

        assertThat(subsegment.getAnnotations()).containsEntry(TraceAnnotations.COLD_START, true);
    }

    @Test
    void commandType_annotatesTheTraceAndTheLogs() {
        TraceAnnotations.commandType("RecordPayment");

        assertThat(subsegment.getAnnotations()).containsEntry(TraceAnnotations.COMMAND_TYPE, "RecordPayment");
        assertThat(org.apache.logging.log4j.ThreadContext.get("commandType")).isEqualTo("RecordPayment");
    }

    @Test
    void annotations_withoutAnActiveSegment_areSkippedQuietly() {
        AWSXRay.getGlobalRecorder().clearTraceEntity();

        TraceAnnotations.commandType("SettleDebt");
        boolean cold = TraceAnnotations.invocation(null);

        assertThat(cold).isTrue();
        assertThat(subsegment.getAnnotations()).doesNotContainKey(TraceAnnotations.COMMAND_TYPE);
    }
}
