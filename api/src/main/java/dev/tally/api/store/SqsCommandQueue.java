package dev.tally.api.store;

import dev.tally.events.command.CommandEnvelope;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@code commands.fifo} in SQS. The body is the envelope's JSON; {@code MessageGroupId} is the user
 * id (one user's commands are delivered in order, different users' in parallel);
 * {@code MessageDeduplicationId} is the command id (a re-send within SQS's five-minute window is
 * dropped by SQS, a later one by the worker's idempotency on the command id); the message attribute
 * {@code commandType} lets consumers and operators route or filter without parsing the body.
 */
public final class SqsCommandQueue implements CommandQueue {

    /** The message attribute that carries the command type. */
    public static final String COMMAND_TYPE_ATTRIBUTE = "commandType";

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsCommandQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void send(CommandEnvelope envelope) {
        try {
            sqs.sendMessage(sendRequest(envelope));
        } catch (SdkException failed) {
            throw new CommandQueueException(envelope.commandId(), failed);
        }
    }

    SendMessageRequest sendRequest(CommandEnvelope envelope) {
        return SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(envelope.toJson())
                .messageGroupId(envelope.userId())
                .messageDeduplicationId(envelope.commandId())
                .messageAttributes(Map.of(
                        COMMAND_TYPE_ATTRIBUTE,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(envelope.type().name())
                                .build()))
                .build();
    }
}
