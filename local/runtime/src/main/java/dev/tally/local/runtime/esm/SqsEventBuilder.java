package dev.tally.local.runtime.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Turns received SQS messages into the event Lambda passes to a function
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Example standard queue message
 * event" and "Example FIFO queue message event").
 */
final class SqsEventBuilder {

    private final ObjectMapper json;
    private final String queueArn;
    private final String region;

    SqsEventBuilder(ObjectMapper json, String queueArn, String region) {
        this.json = json;
        this.queueArn = queueArn;
        this.region = region;
    }

    byte[] build(List<Message> messages) {
        ObjectNode event = json.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            for (Map.Entry<String, MessageAttributeValue> entry :
                    message.messageAttributes().entrySet()) {
                messageAttributes.set(entry.getKey(), attribute(entry.getValue()));
            }
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        try {
            return json.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the SQS event", e);
        }
    }

    private ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode node = json.createObjectNode();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put(
                    "binaryValue",
                    Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        ArrayNode strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = node.putArray("binaryListValues");
        for (SdkBytes bytes : value.binaryListValues()) {
            binaries.add(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        }
        node.put("dataType", value.dataType());
        return node;
    }
}
