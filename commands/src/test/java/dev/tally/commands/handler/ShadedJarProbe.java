package dev.tally.commands.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tally.common.testing.TestLambdaContext;
import java.util.List;
import java.util.Map;

/**
 * Run inside a separate JVM on the shaded function jar by {@link ShadedJarSmokeIT}: builds the handler
 * as Lambda does (public no-arg constructor, configuration from the environment) and invokes it once
 * with a one-message batch whose body is the first argument. Prints the failed message ids.
 */
public final class ShadedJarProbe {

    private ShadedJarProbe() {}

    public static void main(String[] args) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("probe-message-1");
        message.setBody(args[0]);
        message.setAttributes(Map.of("MessageGroupId", "user-a", "ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));

        SQSBatchResponse response =
                new CommandWorkerHandler().handleRequest(event, new TestLambdaContext("CommandWorkerFunction"));

        System.out.println("FAILED_MESSAGE_IDS="
                + response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
    }
}
