package dev.tally.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PropertyCheckTest {

    @AfterEach
    void clearReplay() {
        System.clearProperty(PropertyCheck.SEED_PROPERTY);
    }

    @Test
    void forAll_whenThePropertyHolds_runsExactlyTheTries() {
        AtomicInteger runs = new AtomicInteger();

        PropertyCheck.forAll(250, source -> source.intBetween(0, 9), value -> runs.incrementAndGet());

        assertThat(runs).hasValue(250);
    }

    @Test
    void forAll_whenASampleFails_namesTheSeedAndTheReplayReproducesThatSample() {
        List<Long> failing = new ArrayList<>();
        Generator<Long> values = source -> source.longBetween(0, 1_000_000);

        assertThatThrownBy(() -> PropertyCheck.forAll(1_000, values, value -> {
                    if (value % 7 == 3) {
                        failing.add(value);
                        throw new AssertionError("broken for " + value);
                    }
                }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("-Dtally.seed=")
                .hasMessageContaining("sample: " + failing.get(0))
                .hasRootCauseMessage("broken for " + failing.get(0));

        String message = catchMessage(values);
        Matcher seed = Pattern.compile("-Dtally\\.seed=(-?\\d+)").matcher(message);
        assertThat(seed.find()).isTrue();
        Long sample =
                Long.valueOf(message.substring(message.indexOf("sample: ") + 8).trim());
        System.setProperty(PropertyCheck.SEED_PROPERTY, seed.group(1));
        List<Long> replayed = new ArrayList<>();

        PropertyCheck.forAll(1_000, values, replayed::add);

        assertThat(replayed).containsExactly(sample);
        assertThat(PropertyCheck.replaying()).isTrue();
    }

    @Test
    void forAll_whenThePropertyThrowsAnException_reportsItAsAFailure() {
        assertThatThrownBy(() -> PropertyCheck.forAll(10, source -> "x", value -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(AssertionError.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void source_withTheSameSeed_drawsTheSameValues() {
        Generator<List<String>> strings = source -> source.listOf(20, s -> s.unicode(10, true));

        assertThat(strings.next(new Source(42))).isEqualTo(strings.next(new Source(42)));
        assertThat(strings.next(new Source(42))).isNotEqualTo(strings.next(new Source(43)));
    }

    @Test
    void longBetween_staysInRange_andReachesBothEnds() {
        Source source = new Source(7);
        Coverage coverage = new Coverage();
        for (int i = 0; i < 10_000; i++) {
            long value = source.longBetween(-5, Long.MAX_VALUE);
            assertThat(value).isBetween(-5L, Long.MAX_VALUE);
            coverage.collect(value == -5 ? "min" : value == Long.MAX_VALUE ? "max" : value < 1_000 ? "small" : "large");
        }
        coverage.assertEachSeen(List.of("min", "max", "small", "large"));
    }

    @Test
    void coverage_whenALabelIsMissing_fails() {
        Coverage coverage = new Coverage();
        coverage.collect("a");

        assertThatThrownBy(() -> coverage.assertEachSeen(List.of("a", "b"))).hasMessageContaining("[b]");
    }

    private static String catchMessage(Generator<Long> values) {
        try {
            PropertyCheck.forAll(1_000, values, value -> assertThat(value % 7).isNotEqualTo(3));
        } catch (AssertionError failure) {
            return failure.getMessage();
        }
        throw new AssertionError("expected a failure");
    }
}
