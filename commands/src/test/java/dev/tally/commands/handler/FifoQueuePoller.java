package dev.tally.commands.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tally.common.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * A small stand-in for Lambda's SQS event source mapping, for integration tests: receives batches
 * from a real (embedded SQS) FIFO queue, turns them into the Lambda {@link SQSEvent} shape, invokes the
 * handler, deletes the messages it reports as successes and leaves its batch item failures for SQS
 * to redeliver after the visibility timeout. If the handler throws (a crashed invocation), nothing is
 * deleted, as with Lambda. FIFO group ordering is the queue's job: the embedded SQS holds back the rest of a
 * group while one of its messages is in flight.
 */
final class FifoQueuePoller {

    private static final int MAX_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Context context = new TestLambdaContext("CommandWorkerFunction");
    private Predicate<SQSEvent.SQSMessage> loseAcknowledgement = message -> false;
    private final List<SQSEvent.SQSMessage> deliveries = new ArrayList<>();
    private final List<String> reportedFailures = new ArrayList<>();
    private int crashes;

    FifoQueuePoller(
            SqsClient sqs, String queueUrl, String queueArn, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
    }

    /** Successes matching {@code lose} are not deleted, as if the acknowledgement was lost: SQS redelivers them. */
    void loseAcknowledgementOf(Predicate<SQSEvent.SQSMessage> lose) {
        this.loseAcknowledgement = lose;
    }

    /** Receives one batch (waiting up to a second for it), invokes the handler, deletes its successes. */
    int pollOnce() {
        List<Message> received = sqs.receiveMessage(ReceiveMessageRequest.builder()
                        .queueUrl(queueUrl)
                        .maxNumberOfMessages(MAX_BATCH)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")
                        .build())
                .messages();
        if (received.isEmpty()) {
            return 0;
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(received.stream().map(this::toLambdaRecord).toList());
        deliveries.addAll(event.getRecords());
        SQSBatchResponse response;
        try {
            response = handler.handleRequest(event, context);
        } catch (Throwable crash) {
            crashes++;
            return received.size();
        }
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
        reportedFailures.addAll(failed);
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            if (!failed.contains(record.getMessageId()) && !loseAcknowledgement.test(record)) {
                sqs.deleteMessage(DeleteMessageRequest.builder()
                        .queueUrl(queueUrl)
                        .receiptHandle(record.getReceiptHandle())
                        .build());
            }
        }
        return received.size();
    }

    /**
     * Polls until the queue holds no visible and no in-flight message. Fails if that does not happen
     * within {@code limit} (a guard against a test hanging, not a speed assertion).
     */
    void drain(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (!isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("queue " + queueUrl + " not drained within " + limit);
            }
            pollOnce();
        }
    }

    boolean isEmpty() {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                        .queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)
                        .build())
                .attributes();
        return counts.values().stream().allMatch("0"::equals);
    }

    /** Every message handed to the handler, in delivery order (a redelivery appears again). */
    List<SQSEvent.SQSMessage> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The deliveries of the command {@code commandId}. */
    List<SQSEvent.SQSMessage> deliveriesOf(String commandId) {
        return deliveries.stream()
                .filter(m -> m.getBody().contains("\"commandId\":\"" + commandId + "\""))
                .toList();
    }

    /** The message ids the handler reported as batch item failures (once per report). */
    List<String> reportedFailures() {
        return List.copyOf(reportedFailures);
    }

    int crashes() {
        return crashes;
    }

    private SQSEvent.SQSMessage toLambdaRecord(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            attribute.setStringListValues(new ArrayList<>(value.stringListValues()));
            messageAttributes.put(name, attribute);
        });
        record.setMessageAttributes(messageAttributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion("us-east-1");
        return record;
    }
}
