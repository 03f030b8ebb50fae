package dev.tally.ops.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The segment reader over a BatchGetTraces answer in the shape AWS documents
 * (src/test/resources/coldstart/aws/batch-get-traces.json): a cold start of version 3 with an
 * Initialization subsegment nested two deep, an in-progress copy of its function segment and an
 * in-progress subsegment sent on its own; a SnapStart restore; a warm invocation; a broken document.
 */
class SegmentReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "tally-QueryFunction-AbC";

    @Test
    void read_functionSegments_giveInitRestoreAndInvocationDurationsPerVersion() throws IOException {
        SegmentReader.Result result = readFixture();

        assertThat(result.invocations())
                .extracting(
                        Invocation::functionName,
                        Invocation::version,
                        Invocation::coldStart,
                        Invocation::initDurationMs,
                        Invocation::restoreDurationMs,
                        Invocation::durationMs)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(FUNCTION, "3", true, 900.0, null, 250.0),
                        org.assertj.core.groups.Tuple.tuple(FUNCTION, "3", true, null, 350.0, 120.0),
                        org.assertj.core.groups.Tuple.tuple(FUNCTION, "3", false, null, null, 40.0));
    }

    @Test
    void read_subsegmentsUnderInitializationAndRestore_areTheBreakdownAtEveryDepth() throws IOException {
        SegmentReader.Result result = readFixture();

        assertThat(result.phases())
                .extracting(InitPhase::path, InitPhase::durationMs)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Initialization > ## static init", 500.0),
                        org.assertj.core.groups.Tuple.tuple("Initialization > ## static init > DynamoDbClient", 250.0),
                        org.assertj.core.groups.Tuple.tuple("Initialization > ## secrets", 250.0),
                        org.assertj.core.groups.Tuple.tuple("Restore > ## afterRestore", 200.0));
        assertThat(result.phases()).noneMatch(phase -> phase.path().contains("handleRequest"));
    }

    @Test
    void read_inProgressCopiesAndSubsegmentsWithoutEnd_areReplacedOrCountedNeverNegative() throws IOException {
        SegmentReader.Result result = readFixture();

        assertThat(result.invocations()).hasSize(3); // the in-progress copy of the cold segment is not a fourth
        assertThat(result.incomplete()).as("## late config has no end_time").isEqualTo(1);
        assertThat(result.phases()).allMatch(phase -> phase.durationMs() >= 0);
    }

    @Test
    void read_aSubsegmentSentTwice_countsOnce() throws IOException {
        SegmentReader reader = new SegmentReader();
        String trace = "1-6927a000-1111111111111111111111aa";
        reader.add(JSON.readTree("{\"id\":\"f1\",\"trace_id\":\"" + trace + "\",\"name\":\"F\","
                + "\"origin\":\"AWS::Lambda::Function\",\"start_time\":10.0,\"end_time\":11.0,\"subsegments\":["
                + "{\"id\":\"i1\",\"name\":\"Initialization\",\"start_time\":10.0,\"end_time\":10.5},"
                + "{\"id\":\"v1\",\"name\":\"Invocation\",\"start_time\":10.5,\"end_time\":11.0}]}"));
        String child = "{\"type\":\"subsegment\",\"id\":\"c1\",\"parent_id\":\"i1\",\"trace_id\":\"" + trace
                + "\",\"name\":\"## config\",\"start_time\":10.1,\"end_time\":10.2}";
        reader.add(JSON.readTree(child));
        reader.add(JSON.readTree(child));

        assertThat(reader.read().phases())
                .singleElement()
                .extracting(InitPhase::durationMs)
                .isEqualTo(100.0);
    }

    private static SegmentReader.Result readFixture() throws IOException {
        SegmentReader reader = new SegmentReader();
        int unreadable = 0;
        try (InputStream in = SegmentReaderTest.class.getResourceAsStream("/coldstart/aws/batch-get-traces.json")) {
            for (JsonNode trace : JSON.readTree(in).path("Traces")) {
                for (JsonNode segment : trace.path("Segments")) {
                    try {
                        reader.add(JSON.readTree(segment.path("Document").asText()));
                    } catch (IOException broken) {
                        unreadable++;
                    }
                }
            }
        }
        assertThat(unreadable).as("the fixture's one broken document").isEqualTo(1);
        return reader.read();
    }

    @Test
    void version_ofAnUnqualifiedOrAliasArn_isLatest() throws IOException {
        SegmentReader reader = new SegmentReader();
        reader.add(
                JSON.readTree("{\"id\":\"f1\",\"trace_id\":\"t\",\"name\":\"F\",\"origin\":\"AWS::Lambda::Function\","
                        + "\"aws\":{\"function_arn\":\"arn:aws:lambda:eu-west-1:1:function:F:live\"},"
                        + "\"start_time\":1.0,\"end_time\":2.0,\"subsegments\":[{\"id\":\"v\",\"name\":\"Invocation\","
                        + "\"start_time\":1.0,\"end_time\":2.0}]}"));

        assertThat(reader.read().invocations()).extracting(Invocation::version).containsExactly("$LATEST");
    }
}
