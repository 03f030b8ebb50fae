package dev.tally.ops.dlq;

import java.util.List;

/**
 * What a replay did.
 *
 * @param replayed messages sent to the main queue and deleted from the DLQ (with {@code --dry-run}: that would be)
 * @param skipped  messages left in the DLQ because the worker marked them unparseable
 * @param failed   messages left in the DLQ because sending (or deleting after sending) failed
 * @param failures one line per failure: the DLQ message id and the error, never the body
 */
public record ReplayResult(int replayed, int skipped, int failed, List<String> failures) {

    public ReplayResult {
        failures = List.copyOf(failures);
    }

    /** {@code replayed=N skipped=N failed=N}. */
    public String counts() {
        return "replayed=" + replayed + " skipped=" + skipped + " failed=" + failed;
    }
}
