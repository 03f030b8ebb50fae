package dev.tally.local.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultNormalizerTest {

    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode parse(String text) throws Exception {
        return (ObjectNode) json.readTree(text);
    }

    private static Scenario.Step step(String op, List<String> unordered, List<String> only, boolean message) {
        return new Scenario.Step("s", op, null, unordered, List.of(), only, List.of(), Map.of(), null, message);
    }

    @Test
    void normalize_whenArnsDifferOnlyInRegionAccountAndLabel_resultsAreEqual() throws Exception {
        ObjectNode moto = parse(
                "{\"response\":{\"StreamArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/t1/stream/2026-01-01T00:00:00.000\"}}");
        ObjectNode other =
                parse("{\"response\":{\"StreamArn\":\"arn:aws:dynamodb:eu-west-1:000000000000:table/t1/stream/9\"}}");

        Scenario.Step step = step("ListStreams", List.of(), List.of(), false);

        assertThat(ResultNormalizer.normalize(step, moto)).isEqualTo(ResultNormalizer.normalize(step, other));
    }

    @Test
    void normalize_whenArnNamesAnotherTable_resultsDiffer() throws Exception {
        ObjectNode one = parse("{\"response\":{\"TableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/a1\"}}");
        ObjectNode two = parse("{\"response\":{\"TableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/b2\"}}");

        Scenario.Step step = step("DescribeTable", List.of(), List.of(), false);

        assertThat(ResultNormalizer.normalize(step, one)).isNotEqualTo(ResultNormalizer.normalize(step, two));
    }

    @Test
    void normalize_whenSequenceNumberTooShort_marksItInsteadOfHidingIt() throws Exception {
        ObjectNode result = parse("{\"response\":{\"Records\":[{\"dynamodb\":{\"SequenceNumber\":\"1\"}}]}}");

        ObjectNode normalized = ResultNormalizer.normalize(step("GetRecords", List.of(), List.of(), false), result);

        assertThat(normalized.at("/response/Records/0/dynamodb/SequenceNumber").asText())
                .isEqualTo("<not 21-40 digits: 1>");
    }

    @Test
    void normalize_whenScanItemsComeInAnotherOrderAndKeyOrder_resultsAreEqual() throws Exception {
        ObjectNode first =
                parse("{\"response\":{\"Items\":[{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"1\"}},{\"pk\":{\"S\":\"b\"}}]}}");
        ObjectNode second =
                parse("{\"response\":{\"Items\":[{\"pk\":{\"S\":\"b\"}},{\"v\":{\"N\":\"1\"},\"pk\":{\"S\":\"a\"}}]}}");

        Scenario.Step scan = step("Scan", List.of(), List.of(), false);

        assertThat(ResultNormalizer.normalize(scan, first)).isEqualTo(ResultNormalizer.normalize(scan, second));
    }

    @Test
    void normalize_whenQueryItemsComeInAnotherOrder_resultsDiffer() throws Exception {
        ObjectNode first = parse("{\"response\":{\"Items\":[{\"pk\":{\"S\":\"a\"}},{\"pk\":{\"S\":\"b\"}}]}}");
        ObjectNode second = parse("{\"response\":{\"Items\":[{\"pk\":{\"S\":\"b\"}},{\"pk\":{\"S\":\"a\"}}]}}");

        Scenario.Step query = step("Query", List.of(), List.of(), false);

        assertThat(ResultNormalizer.normalize(query, first)).isNotEqualTo(ResultNormalizer.normalize(query, second));
    }

    @Test
    void normalize_whenErrorMessagesDiffer_comparesTypeOnlyUnlessAsked() throws Exception {
        String one = "{\"error\":{\"type\":\"ValidationException\",\"status\":400,\"message\":\"one\"}}";
        String two = "{\"error\":{\"type\":\"ValidationException\",\"status\":400,\"message\":\"two\"}}";

        Scenario.Step typeOnly = step("PutItem", List.of(), List.of(), false);
        Scenario.Step withMessage = step("PutItem", List.of(), List.of(), true);

        assertThat(ResultNormalizer.normalize(typeOnly, parse(one)))
                .isEqualTo(ResultNormalizer.normalize(typeOnly, parse(two)));
        assertThat(ResultNormalizer.normalize(withMessage, parse(one)))
                .isNotEqualTo(ResultNormalizer.normalize(withMessage, parse(two)));
    }

    @Test
    void normalize_whenStringSetMembersAreReordered_resultsAreEqual() throws Exception {
        ObjectNode first = parse("{\"response\":{\"Item\":{\"ss\":{\"SS\":[\"x\",\"y\"]}}}}");
        ObjectNode second = parse("{\"response\":{\"Item\":{\"ss\":{\"SS\":[\"y\",\"x\"]}}}}");

        Scenario.Step get = step("GetItem", List.of(), List.of(), false);

        assertThat(ResultNormalizer.normalize(get, first)).isEqualTo(ResultNormalizer.normalize(get, second));
    }

    @Test
    void normalize_whenOnlyPathsGiven_keepsJustThoseAndTheErrorType() throws Exception {
        ObjectNode result = parse("{\"response\":{\"Count\":3,\"ScannedCount\":5,\"Items\":[]}}");

        ObjectNode normalized = ResultNormalizer.normalize(step("Scan", List.of(), List.of("/Count"), false), result);

        assertThat(normalized.toString()).isEqualTo("{\"response\":{\"/Count\":3}}");
    }
}
