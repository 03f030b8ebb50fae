package dev.tally.ops.dlq;

import java.time.Duration;
import java.util.Objects;

/**
 * How to replay.
 *
 * @param selection          which messages to move
 * @param max                move at most this many
 * @param ratePerSecond      send at most this many a second (0: no limit)
 * @param copy               send but leave the DLQ copies
 * @param dryRun             receive and classify only
 * @param purgeApplied       delete (without sending) messages whose command already has an outcome
 * @param includeUnparseable replay messages that are not commands too
 * @param deleteUnparseable  delete messages that are not commands
 * @param visibilitySeconds  how long received messages stay hidden from others while this run holds them
 * @param waitForInFlight    how long to wait for messages in flight elsewhere to become visible again
 */
public record ReplayOptions(
        ReplaySelection selection,
        int max,
        double ratePerSecond,
        boolean copy,
        boolean dryRun,
        boolean purgeApplied,
        boolean includeUnparseable,
        boolean deleteUnparseable,
        int visibilitySeconds,
        Duration waitForInFlight) {

    public ReplayOptions {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(waitForInFlight, "waitForInFlight");
        if (max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, was " + max);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("--rate must not be negative, was " + ratePerSecond);
        }
        if (visibilitySeconds < 1 || visibilitySeconds > 43_200) {
            throw new IllegalArgumentException(
                    "--visibility-timeout must be 1..43200 seconds, was " + visibilitySeconds);
        }
        if (includeUnparseable && deleteUnparseable) {
            throw new IllegalArgumentException("--include-unparseable and --delete-unparseable exclude each other");
        }
    }

    /** Everything, as fast as possible, moving: the defaults. */
    public static ReplayOptions defaults() {
        return new ReplayOptions(
                ReplaySelection.ALL,
                Integer.MAX_VALUE,
                0,
                false,
                false,
                false,
                false,
                false,
                60,
                Duration.ofSeconds(60));
    }

    /** True when the operator asked for every message (no filter, no limit). */
    boolean asksForEverything() {
        return selection.selectsEverything() && max == Integer.MAX_VALUE;
    }
}
