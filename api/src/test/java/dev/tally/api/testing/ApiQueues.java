package dev.tally.api.testing;

import dev.tally.common.testing.FifoQueues;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates {@code commands.fifo} and its dead-letter queue as the template does (FIFO, redrive after
 * 5 receives, the RedrivePolicy set at CreateQueue time as ElasticMQ needs), with the test's own
 * patient client.
 */
public final class ApiQueues {

    private ApiQueues() {
    }

    /** The commands queue {@code <name>.fifo} and its DLQ {@code <name>-dlq.fifo}. */
    public static FifoQueues createCommandsQueue(SqsClient sqs, String name) {
        String deadLetterUrl = sqs.createQueue(create -> create.queueName(name + "-dlq.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        String deadLetterArn = sqs.getQueueAttributes(get -> get.queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(create -> create.queueName(name + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, "180",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"5\"}"))).queueUrl();
        return new FifoQueues(queueUrl, deadLetterUrl, deadLetterArn);
    }
}
