package dev.tally.common.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InitTraceTest {

    @Test
    void step_returnsTheResultAndRecordsTheStepWithItsTimes() {
        String value = InitTrace.step("config-test", () -> "built");

        assertThat(value).isEqualTo("built");
        assertThat(InitTrace.pending()).anySatisfy(step -> {
            assertThat(step.name()).isEqualTo("config-test");
            assertThat(step.endTime()).isGreaterThanOrEqualTo(step.startTime());
        });
    }

    @Test
    void step_whenTheWorkFails_stillRecordsItAndRethrows() {
        assertThatThrownBy(() -> InitTrace.run("failing-test", () -> {
                    throw new IllegalStateException("no config");
                }))
                .hasMessage("no config");

        assertThat(InitTrace.pending()).extracting(InitTrace.Step::name).contains("failing-test");
    }

    @Test
    void emit_withoutAnActiveTrace_writesNothingAndKeepsTheSteps() {
        InitTrace.run("kept-test", () -> {});

        assertThat(InitTrace.emit()).isZero();
        assertThat(InitTrace.pending()).extracting(InitTrace.Step::name).contains("kept-test");
    }
}
