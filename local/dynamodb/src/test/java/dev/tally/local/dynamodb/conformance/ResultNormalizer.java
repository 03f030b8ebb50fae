package dev.tally.local.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes from a result what legitimately differs between two correct servers, and replaces it by its shape,
 * so that everything else can be compared for equality.
 *
 * <p>Replaced by shape: timestamps, ARNs (region, account and stream label), table ids, stream event ids,
 * stream record sizes, shard ids, iterators and sequence numbers (which must still be numeric strings that increase within a
 * {@code GetRecords} page: that is checked and recorded as {@code $sequenceNumbersIncrease}). Dropped:
 * {@code ItemCount}, {@code TableSizeBytes} and {@code IndexSizeBytes}, which AWS updates about every six
 * hours; {@code ConsumedCapacity} (capacity accounting is not emulated by local servers) and an empty
 * {@code ItemCollectionMetrics}. Sorted: the members of SS/NS/BS sets and the arrays AWS returns in no defined order.
 */
final class ResultNormalizer {

    private static final Set<String> TIMESTAMPS = Set.of(
            "CreationDateTime",
            "LastIncreaseDateTime",
            "LastDecreaseDateTime",
            "ApproximateCreationDateTime",
            "LastUpdateToPayPerRequestDateTime",
            "InaccessibleEncryptionDateTime",
            "CreationRequestDateTime");
    private static final Set<String> APPROXIMATE = Set.of("ItemCount", "TableSizeBytes", "IndexSizeBytes");
    private static final Set<String> ARNS = Set.of("TableArn", "LatestStreamArn", "StreamArn", "IndexArn");
    private static final Set<String> SEQUENCE_NUMBERS =
            Set.of("SequenceNumber", "StartingSequenceNumber", "EndingSequenceNumber");
    private static final Set<String> UNORDERED_ARRAYS = Set.of(
            "AttributeDefinitions",
            "GlobalSecondaryIndexes",
            "LocalSecondaryIndexes",
            "NonKeyAttributes",
            "SS",
            "NS",
            "BS");
    /** What a table description is compared on; the rest (WarmThroughput, TableId, ...) varies with account features. */
    private static final Set<String> TABLE_DESCRIPTION_FIELDS = Set.of(
            "AttributeDefinitions",
            "TableName",
            "KeySchema",
            "TableStatus",
            "BillingModeSummary",
            "ProvisionedThroughput",
            "LocalSecondaryIndexes",
            "GlobalSecondaryIndexes",
            "StreamSpecification",
            "LatestStreamArn",
            "TableArn");

    private static final Set<String> INDEX_FIELDS = Set.of("IndexName", "KeySchema", "Projection");
    private static final Set<String> TRANSIENT_STATUSES = Set.of("CREATING", "UPDATING", "ACTIVE");
    private static final Pattern ARN =
            Pattern.compile("^arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/([A-Za-z0-9_.-]+)(?:/(index|stream)/(.+))?$");
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private ResultNormalizer() {}

    /** Normalises {@code result} in place for {@code step} and returns it. */
    static ObjectNode normalize(Scenario.Step step, ObjectNode result) {
        normalizeNode(result);
        if (!step.compareMessage() && !Boolean.getBoolean("conformance.keepMessages")) {
            JsonPaths.remove(result, "/error/message");
            JsonPaths.remove(result, "/error/CancellationReasons/*/Message");
        }
        for (String path : defaultUnordered(step.op())) {
            sortArrays(result, path);
        }
        for (String path : step.unordered()) {
            sortArrays(result, path);
        }
        for (String path : step.ignore()) {
            JsonPaths.remove(result, path);
        }
        for (String path : step.present()) {
            JsonPaths.forEachParent(result, path, (parent, last) -> {
                if (parent instanceof ObjectNode object && object.hasNonNull(last)) {
                    object.put(last, "<present>");
                }
            });
        }
        if (step.only().isEmpty()) {
            return result;
        }
        ObjectNode kept = result.objectNode();
        String root = result.has("error") ? "error" : "response";
        ObjectNode body = kept.putObject(root);
        for (String path : step.only()) {
            List<JsonNode> values = JsonPaths.select(result, path);
            body.set(
                    path,
                    values.isEmpty()
                            ? null
                            : values.size() == 1
                                    ? values.get(0)
                                    : body.arrayNode().addAll(values));
        }
        if (root.equals("error")) {
            body.set("type", result.path("error").path("type"));
            body.set("status", result.path("error").path("status"));
        }
        return kept;
    }

    private static List<String> defaultUnordered(String operation) {
        return switch (operation) {
            case "Scan" -> List.of("/Items");
            case "BatchGetItem" -> List.of("/Responses/*", "/UnprocessedKeys/*/Keys");
            case "ListStreams" -> List.of("/Streams");
            case "Collected" -> List.of("/Items");
            default -> List.of();
        };
    }

    private static void normalizeNode(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> drop = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if ((key.equals("TableDescription") || key.equals("Table")) && value instanceof ObjectNode table) {
                    retainTableDescription(table);
                }
                if (APPROXIMATE.contains(key)
                        || key.equals("ConsumedCapacity")
                        || key.equals("ItemCollectionMetrics") && value.isEmpty()) {
                    drop.add(key);
                } else if (TIMESTAMPS.contains(key)) {
                    entry.setValue(
                            TextNode.valueOf(value.isNumber() ? "<timestamp>" : "<not a timestamp: " + value + ">"));
                } else if (ARNS.contains(key)) {
                    entry.setValue(TextNode.valueOf(arnShape(value.asText())));
                } else if (key.equals("TableId")) {
                    entry.setValue(
                            TextNode.valueOf(UUID.matcher(value.asText()).matches() ? "<uuid>" : value.asText()));
                } else if (key.equals("LatestStreamLabel") || key.equals("StreamLabel") || key.equals("eventID")) {
                    entry.setValue(TextNode.valueOf(value.asText().isEmpty() ? "<empty>" : "<" + key + ">"));
                } else if (SEQUENCE_NUMBERS.contains(key)) {
                    // API reference: a numeric string of 21 to 40 characters
                    entry.setValue(TextNode.valueOf(
                            value.asText().matches("\\d{21,40}")
                                    ? "<sequence-number>"
                                    : "<not 21-40 digits: " + value.asText() + ">"));
                } else if (key.equals("ShardId") || key.equals("ParentShardId")) {
                    // API reference: ShardId is 28 to 65 characters long
                    String shard = value.asText();
                    entry.setValue(TextNode.valueOf(
                            shard.startsWith("shardId-") && shard.length() >= 28 && shard.length() <= 65
                                    ? "shardId-<id>"
                                    : "<not a shard id of 28-65 characters: " + shard + ">"));
                } else if (key.equals("eventVersion")) {
                    // AWS's own examples show both 1.0 and 1.1; the record's shape is compared, not this label
                    entry.setValue(
                            TextNode.valueOf(value.asText().matches("\\d+\\.\\d+") ? "<version>" : value.asText()));
                } else if (key.equals("SizeBytes")) {
                    entry.setValue(
                            TextNode.valueOf(value.asLong() > 0 ? "<positive>" : "<not positive: " + value + ">"));
                } else if (key.equals("ShardIterator") || key.equals("NextShardIterator")) {
                    entry.setValue(TextNode.valueOf(value.asText().isEmpty() ? "<empty>" : "<iterator>"));
                } else {
                    normalizeNode(value);
                    if (UNORDERED_ARRAYS.contains(key) && value instanceof ArrayNode array) {
                        sort(array);
                    }
                }
            }
            drop.forEach(object::remove);
        } else if (node instanceof ArrayNode array) {
            array.forEach(ResultNormalizer::normalizeNode);
        }
    }

    private static void retainTableDescription(ObjectNode table) {
        table.retain(TABLE_DESCRIPTION_FIELDS);
        for (String indexes : List.of("LocalSecondaryIndexes", "GlobalSecondaryIndexes")) {
            if (table.path(indexes).isEmpty()) {
                table.remove(indexes);
            }
            table.path(indexes).forEach(index -> ((ObjectNode) index).retain(INDEX_FIELDS));
        }
        if (table.path("ProvisionedThroughput") instanceof ObjectNode throughput) {
            throughput.retain("ReadCapacityUnits", "WriteCapacityUnits");
        }
        if (table.path("BillingModeSummary") instanceof ObjectNode billing) {
            billing.retain("BillingMode");
        }
        if (table.path("BillingModeSummary").path("BillingMode").asText().equals("PROVISIONED")) {
            table.remove("BillingModeSummary"); // AWS omits the summary of a table that was never on demand
        }
        if (TRANSIENT_STATUSES.contains(table.path("TableStatus").asText())) {
            // AWS answers CREATING/UPDATING and turns ACTIVE later; a local server may be ACTIVE at once.
            table.put("TableStatus", "ACTIVE|CREATING|UPDATING");
        }
    }

    private static String arnShape(String arn) {
        Matcher matcher = ARN.matcher(arn);
        if (!matcher.matches()) {
            return "<not a DynamoDB table ARN: " + arn + ">";
        }
        String base = "arn:aws:dynamodb:<region>:<account>:table/" + matcher.group(1);
        if (matcher.group(2) == null) {
            return base;
        }
        return matcher.group(2).equals("index") ? base + "/index/" + matcher.group(3) : base + "/stream/<label>";
    }

    /** Records whether the raw sequence numbers of a GetRecords page increase (checked before they are masked). */
    static void recordSequenceOrder(ObjectNode rawResult, ObjectNode normalized) {
        JsonNode records = rawResult.path("response").path("Records");
        if (!records.isArray() || records.isEmpty()) {
            return;
        }
        BigInteger previous = null;
        boolean increasing = true;
        for (JsonNode record : records) {
            String text = record.path("dynamodb").path("SequenceNumber").asText("");
            if (!text.matches("\\d{1,40}")) {
                increasing = false;
                break;
            }
            BigInteger current = new BigInteger(text);
            if (previous != null && current.compareTo(previous) <= 0) {
                increasing = false;
            }
            previous = current;
        }
        if (normalized.path("response") instanceof ObjectNode response) {
            response.put("$sequenceNumbersIncrease", increasing);
        }
    }

    private static void sortArrays(JsonNode root, String path) {
        for (JsonNode found : JsonPaths.select(root, path)) {
            if (found instanceof ArrayNode array) {
                sort(array);
            }
        }
    }

    /** The node as text with object keys sorted, so equal nodes sort alike whatever their key order. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            keys.forEach(key -> out.append(TextNode.valueOf(key))
                    .append(':')
                    .append(canonical(node.get(key)))
                    .append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(element -> out.append(canonical(element)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }

    private static void sort(ArrayNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        elements.sort(Comparator.comparing(ResultNormalizer::canonical));
        array.removeAll();
        array.addAll(elements);
    }
}
