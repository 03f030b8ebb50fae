package dev.tally.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Progress drawn as a bar on a terminal and as plain lines elsewhere. */
class ProgressTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void update_onATerminal_redrawsOneBarInPlace() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err, true), true, FIXED, "replay");

        progress.update(5, 10, "replayed=5");
        progress.done(10, 10, "replayed=10");

        assertThat(err.toString())
                .startsWith("\r[###############               ] 5/10 replayed=5")
                .contains("\r[##############################] 10/10 replayed=10")
                .doesNotContain("replay progress");
    }

    @Test
    void update_elsewhere_printsPlainLinesNoOftenerThanEveryFewSeconds_andAlwaysTheLast() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err, true), false, FIXED, "replay");

        progress.update(1, 10, "a");
        progress.update(2, 10, "b");
        progress.done(10, 10, "c");

        assertThat(err.toString().lines()).containsExactly("replay progress: 1/10 a", "replay progress: 10/10 c");
    }
}
