package dev.tally.local.dynamodb.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.storage.Database;
import dev.tally.testkit.Generator;
import dev.tally.testkit.PropertyCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Model-based: any sequence of puts, updates and deletes leaves the table equal to a plain map,
 * and the stream holds exactly one record per real change (INSERT/MODIFY/REMOVE as the map
 * says), none for a write that changes nothing, with increasing sequence numbers.
 */
class StreamModelProperties {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Step(String kind, int key, int value) {}

    private static final Generator<Step> STEP = source ->
            new Step(source.pick("put", "update", "delete"), source.intBetween(0, 3), source.intBetween(0, 2));

    @Test
    void streamRecordsEveryRealChangeAndNothingElse() {
        PropertyCheck.forAll(60, STEP.list(40), StreamModelProperties::checkSteps);
    }

    private static void checkSteps(List<Step> steps) throws Exception {
        Dispatcher dispatcher = new Dispatcher(Database.open("us-east-1", null, Clock.systemUTC()));
        call(
                dispatcher,
                "CreateTable",
                "{\"TableName\":\"model\",\"BillingMode\":\"PAY_PER_REQUEST\","
                        + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                        + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                        + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}");
        Map<String, Integer> model = new HashMap<>();
        List<String> expectedEvents = new ArrayList<>();
        for (Step step : steps) {
            String pk = "k" + step.key();
            Integer old = model.get(pk);
            switch (step.kind()) {
                case "put" -> {
                    call(
                            dispatcher,
                            "PutItem",
                            "{\"TableName\":\"model\",\"Item\":{\"pk\":{\"S\":\"" + pk + "\"},\"v\":{\"N\":\""
                                    + step.value() + "\"}}}");
                    model.put(pk, step.value());
                    expect(expectedEvents, old, step.value());
                }
                case "update" -> {
                    call(
                            dispatcher,
                            "UpdateItem",
                            "{\"TableName\":\"model\",\"Key\":{\"pk\":{\"S\":\"" + pk + "\"}},"
                                    + "\"UpdateExpression\":\"SET v = :v\",\"ExpressionAttributeValues\":{\":v\":{\"N\":\""
                                    + step.value() + "\"}}}");
                    model.put(pk, step.value());
                    expect(expectedEvents, old, step.value());
                }
                default -> {
                    call(dispatcher, "DeleteItem", "{\"TableName\":\"model\",\"Key\":{\"pk\":{\"S\":\"" + pk + "\"}}}");
                    model.remove(pk);
                    if (old != null) {
                        expectedEvents.add("REMOVE");
                    }
                }
            }
        }

        Map<String, Integer> stored = new HashMap<>();
        for (JsonNode item :
                call(dispatcher, "Scan", "{\"TableName\":\"model\"}").get("Items")) {
            stored.put(item.get("pk").get("S").asText(), item.get("v").get("N").asInt());
        }
        assertThat(stored).isEqualTo(model);

        String arn = call(dispatcher, "DescribeTable", "{\"TableName\":\"model\"}")
                .get("Table")
                .get("LatestStreamArn")
                .asText();
        String shard = stream(dispatcher, "DescribeStream", "{\"StreamArn\":\"" + arn + "\"}")
                .get("StreamDescription")
                .get("Shards")
                .get(0)
                .get("ShardId")
                .asText();
        String iterator = stream(
                        dispatcher,
                        "GetShardIterator",
                        "{\"StreamArn\":\"" + arn + "\",\"ShardId\":\"" + shard
                                + "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}")
                .get("ShardIterator")
                .asText();
        JsonNode records = stream(dispatcher, "GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}")
                .get("Records");
        List<String> events = new ArrayList<>();
        String previous = "";
        for (JsonNode record : records) {
            events.add(record.get("eventName").asText());
            String sequence = record.get("dynamodb").get("SequenceNumber").asText();
            assertThat(sequence.compareTo(previous)).isPositive();
            previous = sequence;
        }
        assertThat(events).isEqualTo(expectedEvents);
    }

    private static void expect(List<String> events, Integer old, int value) {
        if (old == null) {
            events.add("INSERT");
        } else if (old != value) {
            events.add("MODIFY");
        }
    }

    private static ObjectNode call(Dispatcher dispatcher, String operation, String body) throws Exception {
        return dispatcher.dispatch("DynamoDB_20120810." + operation, JSON.readTree(body));
    }

    private static ObjectNode stream(Dispatcher dispatcher, String operation, String body) throws Exception {
        return dispatcher.dispatch("DynamoDBStreams_20120810." + operation, JSON.readTree(body));
    }
}
