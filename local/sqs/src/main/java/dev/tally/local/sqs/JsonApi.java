package dev.tally.local.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.protocol.Http11Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The AWS JSON 1.0 protocol of SQS: {@code POST /} with {@code X-Amz-Target: AmazonSQS.<Op>},
 * answers in {@code application/x-amz-json-1.0}, errors as {@code {"__type":"com.amazonaws.sqs#T",
 * "message":...}} with the {@code x-amzn-query-error} header ({@code Code;Sender}) that the SDK
 * reports as the error code. Signatures are accepted without being checked. An unexpected failure
 * answers a generic 500, never exception text.
 */
final class JsonApi implements Http11Server.Handler {

    private static final System.Logger LOG = System.getLogger(JsonApi.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String PREFIX = "AmazonSQS.";
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final int MAX_BATCH_BYTES = 1_048_576;

    private final Broker broker;

    JsonApi(Broker broker) {
        this.broker = broker;
    }

    @Override
    public Http11Server.Response handle(String method, Map<String, String> headers, byte[] body) {
        if (!method.equals("POST")) {
            return response(200, "text/plain", "healthy: sqs.local".getBytes(StandardCharsets.UTF_8), Map.of());
        }
        String target = headers.get("x-amz-target");
        try {
            if (target == null || !target.startsWith(PREFIX)) {
                throw SqsError.sender(
                        "UnknownOperationException", "UnknownOperationException", "Unknown operation " + target);
            }
            JsonNode request = parse(body);
            ObjectNode result = dispatch(target.substring(PREFIX.length()), request);
            return response(200, CONTENT_TYPE, JSON.writeValueAsBytes(result), Map.of());
        } catch (SqsError e) {
            ObjectNode error = JSON.createObjectNode()
                    .put("__type", "com.amazonaws.sqs#" + e.type())
                    .put("message", e.getMessage());
            return response(
                    e.status(),
                    CONTENT_TYPE,
                    error.toString().getBytes(StandardCharsets.UTF_8),
                    Map.of("x-amzn-query-error", e.queryCode() + ";" + (e.senderFault() ? "Sender" : "Receiver")));
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error answering " + target, e);
            ObjectNode error = JSON.createObjectNode()
                    .put("__type", "com.amazonaws.sqs#InternalError")
                    .put("message", "Internal server error");
            return response(
                    500,
                    CONTENT_TYPE,
                    error.toString().getBytes(StandardCharsets.UTF_8),
                    Map.of("x-amzn-query-error", "InternalError;Receiver"));
        }
    }

    private ObjectNode dispatch(String operation, JsonNode request) {
        ObjectNode result = JSON.createObjectNode();
        switch (operation) {
            case "CreateQueue" ->
                result.put(
                        "QueueUrl",
                        broker.createQueue(text(request, "QueueName"), stringMap(request.get("Attributes"))));
            case "GetQueueUrl" -> result.put("QueueUrl", broker.queueUrl(text(request, "QueueName")));
            case "ListQueues" -> {
                List<String> urls = broker.listQueues(text(request, "QueueNamePrefix"));
                Integer max = integer(request, "MaxResults");
                if (max != null && (max < 1 || max > 1000)) {
                    throw SqsError.invalidParameter("MaxResults", max.toString(), "MaxResults must be 1 to 1000");
                }
                if (!urls.isEmpty()) {
                    ArrayNode array = result.putArray("QueueUrls");
                    urls.stream().limit(max == null ? 1000 : max).forEach(array::add);
                }
            }
            case "DeleteQueue" -> broker.deleteQueue(text(request, "QueueUrl"));
            case "PurgeQueue" -> broker.purge(text(request, "QueueUrl"));
            case "GetQueueAttributes" -> {
                Map<String, String> attributes =
                        broker.attributes(text(request, "QueueUrl"), strings(request.get("AttributeNames")));
                if (!attributes.isEmpty()) {
                    ObjectNode node = result.putObject("Attributes");
                    attributes.forEach(node::put);
                }
            }
            case "SetQueueAttributes" ->
                broker.setAttributes(text(request, "QueueUrl"), stringMap(request.get("Attributes")));
            case "ListDeadLetterSourceQueues" -> {
                ArrayNode array = result.putArray("queueUrls");
                broker.deadLetterSources(text(request, "QueueUrl")).forEach(array::add);
            }
            case "SendMessage" -> sendResult(result, broker.send(text(request, "QueueUrl"), sendInput(request)));
            case "SendMessageBatch" -> sendBatch(request, result);
            case "ReceiveMessage" -> receive(request, result);
            case "DeleteMessage" -> broker.delete(text(request, "QueueUrl"), text(request, "ReceiptHandle"));
            case "DeleteMessageBatch" ->
                batch(request, result, entry -> {
                    broker.delete(text(request, "QueueUrl"), text(entry, "ReceiptHandle"));
                    return JSON.createObjectNode();
                });
            case "ChangeMessageVisibility" ->
                broker.changeVisibility(
                        text(request, "QueueUrl"),
                        text(request, "ReceiptHandle"),
                        integer(request, "VisibilityTimeout"));
            case "ChangeMessageVisibilityBatch" ->
                batch(request, result, entry -> {
                    broker.changeVisibility(
                            text(request, "QueueUrl"),
                            text(entry, "ReceiptHandle"),
                            integer(entry, "VisibilityTimeout"));
                    return JSON.createObjectNode();
                });
            case "StartMessageMoveTask" ->
                result.put(
                        "TaskHandle",
                        broker.moveTasks()
                                .start(
                                        text(request, "SourceArn"),
                                        text(request, "DestinationArn"),
                                        integer(request, "MaxNumberOfMessagesPerSecond")));
            case "ListMessageMoveTasks" -> {
                ArrayNode array = result.putArray("Results");
                for (MoveTasks.Task task :
                        broker.moveTasks().list(text(request, "SourceArn"), integer(request, "MaxResults"))) {
                    ObjectNode node = array.addObject();
                    String status = task.status;
                    if (status.equals("RUNNING")) {
                        node.put("TaskHandle", task.handle);
                    }
                    node.put("Status", status);
                    node.put("SourceArn", task.sourceArn);
                    if (task.destinationArn != null) {
                        node.put("DestinationArn", task.destinationArn);
                    }
                    if (task.ratePerSecond != null) {
                        node.put("MaxNumberOfMessagesPerSecond", task.ratePerSecond);
                    }
                    node.put("ApproximateNumberOfMessagesMoved", task.moved);
                    node.put("ApproximateNumberOfMessagesToMove", task.toMove);
                    if (task.failureReason != null) {
                        node.put("FailureReason", task.failureReason);
                    }
                    node.put("StartedTimestamp", task.startedMillis);
                }
            }
            case "CancelMessageMoveTask" ->
                result.put(
                        "ApproximateNumberOfMessagesMoved", broker.moveTasks().cancel(text(request, "TaskHandle")));
            default ->
                throw SqsError.sender(
                        "UnsupportedOperation",
                        "AWS.SimpleQueueService.UnsupportedOperation",
                        "The embedded SQS does not support " + operation + ".");
        }
        return result;
    }

    // ---- sends ----

    private static Broker.SendInput sendInput(JsonNode request) {
        String traceHeader = null;
        JsonNode system = request.get("MessageSystemAttributes");
        if (system != null && system.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = system.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getKey().equals("AWSTraceHeader")) {
                    throw SqsError.invalidParameter(
                            "Message system attribute name '" + entry.getKey() + "' is invalid.");
                }
                traceHeader = text(entry.getValue(), "StringValue");
            }
        }
        return new Broker.SendInput(
                text(request, "MessageBody"),
                integer(request, "DelaySeconds"),
                attributes(request.get("MessageAttributes")),
                traceHeader,
                text(request, "MessageDeduplicationId"),
                text(request, "MessageGroupId"));
    }

    private static void sendResult(ObjectNode node, Broker.SendResult sent) {
        node.put("MD5OfMessageBody", sent.md5OfBody());
        if (sent.md5OfAttributes() != null) {
            node.put("MD5OfMessageAttributes", sent.md5OfAttributes());
        }
        if (sent.traceHeader() != null) {
            SortedMap<String, MessageAttribute> system = new TreeMap<>();
            system.put("AWSTraceHeader", new MessageAttribute("String", sent.traceHeader(), null));
            node.put("MD5OfMessageSystemAttributes", Md5s.ofAttributes(system));
        }
        node.put("MessageId", sent.messageId());
        if (sent.sequenceNumber() != null) {
            node.put("SequenceNumber", sent.sequenceNumber());
        }
    }

    private void sendBatch(JsonNode request, ObjectNode result) {
        JsonNode entries = request.get("Entries");
        int total = 0;
        if (entries != null && entries.isArray()) {
            for (JsonNode entry : entries) {
                String body = text(entry, "MessageBody");
                total += body == null ? 0 : Md5s.utf8Length(body);
                for (MessageAttribute attribute :
                        attributes(entry.get("MessageAttributes")).values()) {
                    total += attribute.binary()
                            ? attribute.binaryValue().length
                            : Md5s.utf8Length(attribute.stringValue() == null ? "" : attribute.stringValue());
                }
            }
        }
        if (total > MAX_BATCH_BYTES) {
            throw SqsError.sender(
                    "BatchRequestTooLong",
                    "AWS.SimpleQueueService.BatchRequestTooLong",
                    "Batch requests cannot be longer than " + MAX_BATCH_BYTES + " bytes. You have sent " + total
                            + " bytes.");
        }
        String url = text(request, "QueueUrl");
        if (broker.fifo(url)) {
            for (JsonNode entry : entries) {
                if (text(entry, "MessageGroupId") == null) {
                    // SQS fails the whole batch for this one, not the entry
                    throw SqsError.missingParameter("MessageGroupId");
                }
            }
        }
        batch(request, result, entry -> {
            ObjectNode node = JSON.createObjectNode();
            sendResult(node, broker.send(url, sendInput(entry)));
            return node;
        });
    }

    /** Runs each entry of a batch, collecting Successful and Failed as SQS does. */
    private void batch(JsonNode request, ObjectNode result, java.util.function.Function<JsonNode, ObjectNode> each) {
        String url = text(request, "QueueUrl");
        if (url == null) {
            throw SqsError.missingParameter("QueueUrl");
        }
        broker.lock().lock();
        try {
            broker.queue(url);
        } finally {
            broker.lock().unlock();
        }
        JsonNode entries = request.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw SqsError.sender(
                    "EmptyBatchRequest",
                    "AWS.SimpleQueueService.EmptyBatchRequest",
                    "There should be at least one entry in the request.");
        }
        if (entries.size() > 10) {
            throw SqsError.sender(
                    "TooManyEntriesInBatchRequest",
                    "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                    "Maximum number of entries per request are 10. You have sent " + entries.size() + ".");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode entry : entries) {
            String id = text(entry, "Id");
            if (id == null || !BATCH_ID.matcher(id).matches()) {
                throw SqsError.sender(
                        "InvalidBatchEntryId",
                        "AWS.SimpleQueueService.InvalidBatchEntryId",
                        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be"
                                + " at most 80 letters long.");
            }
            if (!ids.add(id)) {
                throw SqsError.sender(
                        "BatchEntryIdsNotDistinct",
                        "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                        "Id " + id + " repeated.");
            }
        }
        ArrayNode successful = result.putArray("Successful");
        ArrayNode failed = result.putArray("Failed");
        for (JsonNode entry : entries) {
            String id = text(entry, "Id");
            try {
                ObjectNode node = each.apply(entry);
                node.put("Id", id);
                successful.add(reorderId(node));
            } catch (SqsError e) {
                failed.addObject()
                        .put("Id", id)
                        .put("SenderFault", e.senderFault())
                        .put("Code", e.queryCode())
                        .put("Message", e.getMessage());
            }
        }
    }

    private static ObjectNode reorderId(ObjectNode node) {
        ObjectNode ordered = JSON.createObjectNode();
        ordered.set("Id", node.get("Id"));
        node.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals("Id")) {
                ordered.set(entry.getKey(), entry.getValue());
            }
        });
        return ordered;
    }

    // ---- receives ----

    private void receive(JsonNode request, ObjectNode result) {
        Integer max = integer(request, "MaxNumberOfMessages");
        List<Broker.Received> received = broker.receive(
                text(request, "QueueUrl"),
                max == null ? 1 : max,
                integer(request, "VisibilityTimeout"),
                integer(request, "WaitTimeSeconds"));
        if (received.isEmpty()) {
            return;
        }
        Set<String> system = new HashSet<>(strings(request.get("AttributeNames")));
        system.addAll(strings(request.get("MessageSystemAttributeNames")));
        boolean allSystem = system.contains("All");
        List<String> userNames = strings(request.get("MessageAttributeNames"));
        ArrayNode messages = result.putArray("Messages");
        for (Broker.Received each : received) {
            QueuedMessage message = each.message();
            ObjectNode node = messages.addObject();
            node.put("MessageId", message.id);
            node.put("ReceiptHandle", each.receiptHandle());
            node.put("MD5OfBody", message.md5OfBody);
            node.put("Body", message.body);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("SenderId", broker.account());
            attributes.put("SentTimestamp", Long.toString(message.sentMillis));
            attributes.put("ApproximateReceiveCount", Integer.toString(each.receiveCount()));
            attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(each.firstReceiveMillis()));
            if (message.traceHeader != null) {
                attributes.put("AWSTraceHeader", message.traceHeader);
            }
            if (message.sequenceNumber != null) {
                attributes.put("SequenceNumber", message.sequenceNumber);
            }
            if (message.deduplicationId != null) {
                attributes.put("MessageDeduplicationId", message.deduplicationId);
            }
            if (message.groupId != null) {
                attributes.put("MessageGroupId", message.groupId);
            }
            if (message.deadLetterSourceArn != null) {
                attributes.put("DeadLetterQueueSourceArn", message.deadLetterSourceArn);
            }
            ObjectNode attributeNode = null;
            for (Map.Entry<String, String> entry : attributes.entrySet()) {
                if (allSystem || system.contains(entry.getKey())) {
                    if (attributeNode == null) {
                        attributeNode = node.putObject("Attributes");
                    }
                    attributeNode.put(entry.getKey(), entry.getValue());
                }
            }
            SortedMap<String, MessageAttribute> user = selected(message.attributes, userNames);
            if (!user.isEmpty()) {
                node.put("MD5OfMessageAttributes", Md5s.ofAttributes(user));
                ObjectNode userNode = node.putObject("MessageAttributes");
                user.forEach((name, attribute) -> {
                    ObjectNode value = userNode.putObject(name);
                    if (attribute.binary()) {
                        value.put("BinaryValue", Base64.getEncoder().encodeToString(attribute.binaryValue()));
                    } else {
                        value.put("StringValue", attribute.stringValue());
                    }
                    value.put("DataType", attribute.dataType());
                });
            }
        }
    }

    /** The user attributes a receive asked for: "All", ".*", "prefix.*" or exact names. */
    private static SortedMap<String, MessageAttribute> selected(
            SortedMap<String, MessageAttribute> attributes, List<String> names) {
        SortedMap<String, MessageAttribute> result = new TreeMap<>();
        if (names.isEmpty() || attributes.isEmpty()) {
            return result;
        }
        for (Map.Entry<String, MessageAttribute> entry : attributes.entrySet()) {
            for (String name : names) {
                boolean match = name.equals("All")
                        || name.equals(".*")
                        || (name.endsWith(".*") && entry.getKey().startsWith(name.substring(0, name.length() - 1)))
                        || name.equals(entry.getKey());
                if (match) {
                    result.put(entry.getKey(), entry.getValue());
                    break;
                }
            }
        }
        return result;
    }

    // ---- reading requests ----

    private static SortedMap<String, MessageAttribute> attributes(JsonNode node) {
        SortedMap<String, MessageAttribute> result = new TreeMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            throw serialization();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            String type = text(value, "DataType");
            byte[] binary = null;
            String binaryText = text(value, "BinaryValue");
            if (binaryText != null) {
                try {
                    binary = Base64.getDecoder().decode(binaryText);
                } catch (IllegalArgumentException e) {
                    throw serialization();
                }
            }
            result.put(
                    entry.getKey(), new MessageAttribute(type == null ? "" : type, text(value, "StringValue"), binary));
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw serialization();
        }
        return value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        throw serialization();
    }

    private static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw serialization();
        }
        node.forEach(value -> result.add(value.asText()));
        return result;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            throw serialization();
        }
        node.fields()
                .forEachRemaining(
                        entry -> result.put(entry.getKey(), entry.getValue().asText()));
        return result;
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw serialization();
            }
            return node;
        } catch (IOException e) {
            throw serialization();
        }
    }

    private static SqsError serialization() {
        return SqsError.sender("SerializationException", "SerializationException", "The request body is not valid.");
    }

    private static Http11Server.Response response(
            int status, String contentType, byte[] body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        headers.put("x-amzn-RequestId", new UUID(random.nextLong(), random.nextLong()).toString());
        return new Http11Server.Response(status, contentType, body, headers);
    }
}
