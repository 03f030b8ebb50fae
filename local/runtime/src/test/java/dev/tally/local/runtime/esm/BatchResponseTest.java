package dev.tally.local.runtime.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Success and failure conditions of a partial batch response, as listed in
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 * (SQS) and https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html (streams).
 */
class BatchResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BATCH = Set.of("m1", "m2", "m3");

    private static BatchResponse interpret(String response) {
        return BatchResponse.interpret(response.getBytes(StandardCharsets.UTF_8), BATCH, JSON);
    }

    /** "An empty batchItemFailures list, a null batchItemFailures list, an empty EventResponse, a null EventResponse". */
    @ParameterizedTest
    @ValueSource(strings = {"{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}", "{}", "null", ""})
    void interpret_whenNothingFailed_isCompleteSuccess(String response) {
        assertThat(interpret(response)).isInstanceOf(BatchResponse.AllSucceeded.class);
    }

    /** "An invalid JSON response, an empty string itemIdentifier, a null itemIdentifier, an itemIdentifier with a bad key name, an itemIdentifier value with a message ID that doesn't exist". */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json {",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
                "{\"batchItemFailures\":[{\"itemIdentifer\":\"m1\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"},{\"itemIdentifier\":\"unknown\"}]}",
                "{\"batchItemFailures\":\"m1\"}",
                "[\"m1\"]"
            })
    void interpret_whenResponseIsInvalid_isCompleteFailure(String response) {
        assertThat(interpret(response)).isInstanceOf(BatchResponse.AllFailed.class);
    }

    @Test
    void interpret_whenSomeItemsFailed_listsExactlyThose() {
        BatchResponse response =
                interpret("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m3\"}]}");

        assertThat(response).isEqualTo(new BatchResponse.ItemsFailed(Set.of("m2", "m3")));
    }
}
