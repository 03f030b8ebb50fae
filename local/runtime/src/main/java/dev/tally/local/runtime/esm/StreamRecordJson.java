package dev.tally.local.runtime.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Turns DynamoDB Streams records into the event Lambda passes to a function
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html, "Example DynamoDB Streams record event").
 */
final class StreamRecordJson {

    private final ObjectMapper json;
    private final String streamArn;
    private final String region;

    StreamRecordJson(ObjectMapper json, String streamArn, String region) {
        this.json = json;
        this.streamArn = streamArn;
        this.region = region;
    }

    byte[] event(List<Record> records) {
        ObjectNode event = json.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (Record record : records) {
            ObjectNode node = array.addObject();
            node.put("eventID", record.eventID());
            node.put("eventName", record.eventNameAsString());
            node.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
            node.put("eventSource", "aws:dynamodb");
            node.put("awsRegion", region);
            node.set("dynamodb", streamRecord(record.dynamodb()));
            node.put("eventSourceARN", streamArn);
            if (record.userIdentity() != null) {
                node.putObject("userIdentity")
                        .put("type", record.userIdentity().type())
                        .put("principalId", record.userIdentity().principalId());
            }
        }
        try {
            return json.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the DynamoDB stream event", e);
        }
    }

    private ObjectNode streamRecord(StreamRecord record) {
        ObjectNode node = json.createObjectNode();
        if (record.approximateCreationDateTime() != null) {
            node.put(
                    "ApproximateCreationDateTime",
                    record.approximateCreationDateTime().getEpochSecond());
        }
        if (record.hasKeys()) {
            node.set("Keys", item(record.keys()));
        }
        if (record.hasNewImage()) {
            node.set("NewImage", item(record.newImage()));
        }
        if (record.hasOldImage()) {
            node.set("OldImage", item(record.oldImage()));
        }
        node.put("SequenceNumber", record.sequenceNumber());
        if (record.sizeBytes() != null) {
            node.put("SizeBytes", record.sizeBytes());
        }
        node.put("StreamViewType", record.streamViewTypeAsString());
        return node;
    }

    private ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode node = json.createObjectNode();
        item.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    private ObjectNode value(AttributeValue value) {
        ObjectNode node = json.createObjectNode();
        Base64.Encoder base64 = Base64.getEncoder();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64.encodeToString(value.b().asByteArray()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode array = node.putArray("BS");
                for (SdkBytes bytes : value.bs()) {
                    array.add(base64.encodeToString(bytes.asByteArray()));
                }
            }
            case M -> node.set("M", item(value.m()));
            case L -> {
                ArrayNode array = node.putArray("L");
                value.l().forEach(element -> array.add(value(element)));
            }
            default -> throw new IllegalArgumentException("unknown attribute value type " + value.type());
        }
        return node;
    }
}
