package dev.tally.local.runtime.stack;

import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** How many messages a queue holds: visible plus in flight (received, not yet deleted). */
public final class QueueDepth {

    private QueueDepth() {}

    public static int of(LocalClients clients, String queueUrl) {
        Map<QueueAttributeName, String> attributes = clients.sqs()
                .getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
