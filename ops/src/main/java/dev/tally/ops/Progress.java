package dev.tally.ops;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress on stderr: a bar redrawn in place on a terminal, else a plain line at most every few
 * seconds (for logs and CI). {@link #done} always prints the last state.
 */
public final class Progress {

    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final Clock clock;
    private final String what;
    private Instant lastPrinted = Instant.MIN;

    /** Progress of {@code what} (e.g. "replay"), drawn as a bar when {@code terminal}. */
    public Progress(PrintWriter err, boolean terminal, Clock clock, String what) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.what = what;
    }

    /** True when this process's standard streams are a terminal. */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    /** Reports {@code done} of about {@code total} (0: unknown), with a status text. */
    public synchronized void update(long done, long total, String status) {
        Instant now = clock.instant();
        if (terminal) {
            err.print("\r" + bar(done, total) + " " + status + "   ");
            err.flush();
        } else if (Duration.between(lastPrinted, now).compareTo(PLAIN_EVERY) >= 0 || lastPrinted == Instant.MIN) {
            err.println(what + " progress: " + done + (total > 0 ? "/" + total : "") + " " + status);
            lastPrinted = now;
        }
    }

    /** Prints the final state and ends the bar's line. */
    public synchronized void done(long done, long total, String status) {
        if (terminal) {
            err.println("\r" + bar(done, total) + " " + status + "   ");
        } else {
            err.println(what + " progress: " + done + (total > 0 ? "/" + total : "") + " " + status);
        }
    }

    private static String bar(long done, long total) {
        if (total <= 0) {
            return "[" + done + "]";
        }
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total;
    }
}
