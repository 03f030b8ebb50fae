package dev.tally.local.dynamodb.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.protocol.Dispatcher;
import dev.tally.local.dynamodb.storage.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Fuzzes the embedded DynamoDB's expression parsers (condition, update, projection, key condition)
 * through the dispatcher, as a request reaches them: whatever the text, the answer is a result or a
 * 4xx {@link ApiException}, never another exception (which the HTTP side turns into a 500).
 *
 * <p>Each input is the expression's UTF-8 text. Names and values it mentions (a fixed set of every
 * type) are supplied, unmentioned ones left out, so inputs get past "unused value" checks into
 * evaluation. {@code mvn verify} replays the committed inputs under
 * {@code src/test/resources/dev/tally/local/dynamodb/fuzz/ExpressionFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1} fuzzes (see the README's fuzzing section).
 */
class ExpressionFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "DynamoDB_20120810.";
    private static final ObjectNode NAMES = json("""
      {"#p":"pk","#s":"sk","#n":"name","#l":"list","#m":"map","#x":"missing","#d":"a.b"}""");
    private static final ObjectNode VALUES = json("""
      {":s":{"S":"text"},":n":{"N":"42"},":f":{"N":"-1.5e3"},":b":{"B":"AAEC"},
       ":ss":{"SS":["a","b"]},":ns":{"NS":["1","2"]},":bs":{"BS":["AA=="]},
       ":l":{"L":[{"S":"x"},{"N":"1"}]},":m":{"M":{"k":{"S":"v"},"n":{"N":"0"}}},
       ":t":{"BOOL":true},":z":{"NULL":true},":e":{"S":""}}""");
    private static final Dispatcher DISPATCHER = seeded();

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dispatcher seeded() {
        Dispatcher dispatcher = new Dispatcher(Database.open("us-east-1", null, Clock.systemUTC()));
        dispatcher.dispatch(TARGET + "CreateTable", json("""
        {"TableName":"fuzz","BillingMode":"PAY_PER_REQUEST",
         "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
         "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
         "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}"""));
        for (int sk = 0; sk < 3; sk++) {
            dispatcher.dispatch(TARGET + "PutItem", json("""
          {"TableName":"fuzz","Item":{"pk":{"S":"text"},"sk":{"N":"%d"},"name":{"S":"n"},
           "list":{"L":[{"S":"x"},{"M":{"deep":{"L":[{"N":"1"}]}}}]},"map":{"M":{"k":{"S":"v"},"ss":{"SS":["a"]}}},
           "count":{"N":"7"},"flag":{"BOOL":false},"set":{"NS":["1","3"]},"bin":{"B":"AQI="}}}""".formatted(sk)));
        }
        return dispatcher;
    }

    /** A request with this expression and the names and values it mentions. */
    private static ObjectNode request(String field, String expression, String requestJson) {
        ObjectNode request = json(requestJson);
        request.put(field, expression);
        ObjectNode names = mentioned(NAMES, expression);
        ObjectNode values = mentioned(VALUES, expression);
        if (!names.isEmpty()) {
            request.set("ExpressionAttributeNames", names);
        }
        if (!values.isEmpty()) {
            request.set("ExpressionAttributeValues", values);
        }
        return request;
    }

    private static ObjectNode mentioned(ObjectNode all, String expression) {
        ObjectNode used = JSON.createObjectNode();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> entry : all.properties()) {
            if (expression.contains(entry.getKey())) {
                used.set(entry.getKey(), entry.getValue());
            }
        }
        return used;
    }

    /** The property: a result, or a client error (4xx); anything else escapes and is a finding. */
    private static void answer(String operation, ObjectNode request) {
        try {
            DISPATCHER.dispatch(TARGET + operation, request);
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw new AssertionError(
                        operation + " answered " + e.status() + " " + e.type() + ": " + e.getMessage(), e);
            }
        }
    }

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    @FuzzTest(maxDuration = "2m")
    void conditionExpression(byte[] input) {
        String expression = text(input);
        answer("Scan", request("FilterExpression", expression, """
        {"TableName":"fuzz","Limit":3}"""));
        answer("DeleteItem", request("ConditionExpression", expression, """
        {"TableName":"fuzz","Key":{"pk":{"S":"absent"},"sk":{"N":"9"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}"""));
    }

    @FuzzTest(maxDuration = "2m")
    void updateExpression(byte[] input) {
        answer("UpdateItem", request("UpdateExpression", text(input), """
        {"TableName":"fuzz","Key":{"pk":{"S":"text"},"sk":{"N":"1"}},"ReturnValues":"ALL_NEW"}"""));
    }

    @FuzzTest(maxDuration = "2m")
    void projectionExpression(byte[] input) {
        answer("GetItem", request("ProjectionExpression", text(input), """
        {"TableName":"fuzz","Key":{"pk":{"S":"text"},"sk":{"N":"2"}}}"""));
    }

    @FuzzTest(maxDuration = "2m")
    void keyConditionExpression(byte[] input) {
        answer("Query", request("KeyConditionExpression", text(input), """
        {"TableName":"fuzz","Limit":2}"""));
    }
}
