package dev.tally.local.runtime.xray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InitSubsegmentsTest {

    @Test
    void underInitialization_initSubsegmentsOfTheHandler_areMovedUnderTheInitializationSubsegment() {
        String sent =
                "{\"name\":\"## handleRequest\",\"id\":\"h1\",\"type\":\"subsegment\",\"parent_id\":\"5e9c0f0a1b2c3d4e\","
                        + "\"trace_id\":\"1-1-1\",\"subsegments\":[{\"name\":\"Init config\",\"id\":\"a1\",\"start_time\":1.0,\"end_time\":2.0},"
                        + "{\"name\":\"DynamoDB\",\"id\":\"d1\"}]}";

        List<String> stored = XRayDaemonSink.underInitialization(sent);

        assertThat(stored).hasSize(2);
        assertThat(stored.get(0))
                .contains("\"## handleRequest\"", "\"DynamoDB\"")
                .doesNotContain("Init config");
        assertThat(stored.get(1))
                .contains(
                        "\"name\":\"Init config\"",
                        "\"type\":\"subsegment\"",
                        "\"trace_id\":\"1-1-1\"",
                        "\"parent_id\":\"" + FunctionSegments.initializationId("5e9c0f0a1b2c3d4e") + "\"");
    }

    @Test
    void underInitialization_anyOtherDocument_isKeptAsSent() {
        String handler = "{\"type\":\"subsegment\",\"name\":\"## handleRequest\",\"parent_id\":\"5e9c0f0a1b2c3d4e\"}";
        String segment = "{\"name\":\"Init things\",\"id\":\"5e9c0f0a1b2c3d4e\"}";

        assertThat(XRayDaemonSink.underInitialization(handler)).containsExactly(handler);
        assertThat(XRayDaemonSink.underInitialization(segment)).containsExactly(segment);
    }

    @Test
    void initializationId_isStablePerSegmentAndDiffersBetweenSegments() {
        assertThat(FunctionSegments.initializationId("aaaa"))
                .isEqualTo(FunctionSegments.initializationId("aaaa"))
                .hasSize(16)
                .isNotEqualTo(FunctionSegments.initializationId("bbbb"));
    }
}
