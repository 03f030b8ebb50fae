package dev.tally.local.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private final ObjectMapper json = new ObjectMapper();

    private static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void load_whenStepsValid_readsThemInOrderWithTheirOptions() {
        Scenario scenario = Scenario.load(
                json,
                "demo",
                text(
                        "{\"description\":\"d\",\"steps\":["
                                + "{\"id\":\"a\",\"op\":\"ListTables\",\"req\":{}},"
                                + "{\"id\":\"b\",\"op\":\"Scan\",\"req\":{\"TableName\":\"t\"},\"only\":[\"/Count\"],\"collect\":\"c\"}]}"));

        assertThat(scenario.steps()).extracting(Scenario.Step::id).containsExactly("a", "b");
        assertThat(scenario.steps().get(1).only()).containsExactly("/Count");
        assertThat(scenario.steps().get(1).collect()).isEqualTo("c");
    }

    @Test
    void load_whenStepHasUnknownKey_failsNamingIt() {
        assertThatThrownBy(() -> Scenario.load(
                        json,
                        "demo",
                        text("{\"steps\":[{\"id\":\"a\",\"op\":\"ListTables\",\"req\":{},\"orderless\":[]}]}")))
                .hasMessageContaining("unknown key 'orderless'");
    }

    @Test
    void load_whenIdRepeated_failsNamingIt() {
        assertThatThrownBy(
                        () -> Scenario.load(
                                json,
                                "demo",
                                text(
                                        "{\"steps\":["
                                                + "{\"id\":\"a\",\"op\":\"ListTables\",\"req\":{}},{\"id\":\"a\",\"op\":\"ListTables\",\"req\":{}}]}")))
                .hasMessageContaining("duplicate step id 'a'");
    }

    @Test
    void loadDeviations_whenDocIsNotAnAwsPage_fails() {
        assertThatThrownBy(() -> KnownDeviation.load(
                        json,
                        text("{\"deviations\":[{\"cases\":[\"x/y\"],"
                                + "\"servers\":{\"moto\":\"m\"},\"doc\":{\"url\":\"https://example.com\",\"quote\":\"q\"},"
                                + "\"documented\":{\"response\":{}}}]}")))
                .hasMessageContaining("cites an AWS documentation URL");
    }
}
