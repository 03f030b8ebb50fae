package dev.tally.local.runtime.xray;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InitSubsegmentsTest {

    @Test
    void underInitialization_anInitSubsegment_isMovedUnderTheInitializationSubsegment() {
        String sent = "{\"type\":\"subsegment\",\"name\":\"Init config\",\"id\":\"a1\",\"parent_id\":\"5e9c0f0a1b2c3d4e\","
                + "\"trace_id\":\"1-1-1\",\"start_time\":1.0,\"end_time\":2.0}";

        String stored = XRayDaemonSink.underInitialization(sent);

        assertThat(stored).contains("\"parent_id\":\"" + FunctionSegments.initializationId("5e9c0f0a1b2c3d4e") + "\"")
                .contains("\"name\":\"Init config\"");
    }

    @Test
    void underInitialization_anyOtherDocument_isKeptAsSent() {
        String handler = "{\"type\":\"subsegment\",\"name\":\"## handleRequest\",\"parent_id\":\"5e9c0f0a1b2c3d4e\"}";
        String segment = "{\"name\":\"Init things\",\"id\":\"5e9c0f0a1b2c3d4e\"}";

        assertThat(XRayDaemonSink.underInitialization(handler)).isEqualTo(handler);
        assertThat(XRayDaemonSink.underInitialization(segment)).isEqualTo(segment);
    }

    @Test
    void initializationId_isStablePerSegmentAndDiffersBetweenSegments() {
        assertThat(FunctionSegments.initializationId("aaaa")).isEqualTo(FunctionSegments.initializationId("aaaa"))
                .hasSize(16)
                .isNotEqualTo(FunctionSegments.initializationId("bbbb"));
    }
}
