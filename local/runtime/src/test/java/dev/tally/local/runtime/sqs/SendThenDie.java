package dev.tally.local.runtime.sqs;

import dev.tally.local.runtime.lambda.LocalLambda;
import dev.tally.local.runtime.stack.LocalClients;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A process for {@link AcknowledgedSendCrashIT}: a persistent embedded SQS in the directory given
 * as the argument, a FIFO queue, then sends {@code m-0, m-1, …} for ever, printing
 * {@code acked N} on stdout after each SendMessage returned, until it is killed.
 */
public final class SendThenDie {

    private SendThenDie() {}

    public static void main(String[] args) {
        EmbeddedSqs sqs = EmbeddedSqs.start(0, "eu-west-1", LocalLambda.ACCOUNT_ID, Path.of(args[0]));
        LocalClients clients = new LocalClients("eu-west-1", sqs.endpoint(), null);
        SqsClient client = clients.sqs();
        String url = client.createQueue(
                        r -> r.queueName("crash.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
        System.out.println("ready");
        for (long i = 0; ; i++) {
            String body = "m-" + i;
            client.sendMessage(r -> r.queueUrl(url)
                    .messageGroupId("g" + (body.hashCode() & 7))
                    .messageDeduplicationId(body)
                    .messageBody(body));
            System.out.println("acked " + i);
            System.out.flush();
        }
    }
}
