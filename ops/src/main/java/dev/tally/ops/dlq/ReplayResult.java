package dev.tally.ops.dlq;

import java.util.List;

/**
 * What a replay did.
 *
 * @param replayed    sent to the main queue and deleted from the DLQ (dry run: would be sent)
 * @param copied      sent with {@code --copy} (the DLQ copy stays)
 * @param resumed     deleted without sending because an earlier run's ledger says they were sent
 * @param purged      deleted without sending because their command already had an outcome
 * @param unparseable not commands: listed and left (or deleted with {@code --delete-unparseable})
 * @param held        selected but left in the DLQ because an earlier message of their group was not moved
 * @param failed      sends (or deletes after a send) that failed
 * @param left        what the run was asked to move and is still in the DLQ (visible or in flight)
 * @param dlqDepth    every message still in the DLQ (visible plus in flight) at the end
 * @param problems    one line per failure, held group or unparseable message: ids and error codes, never a body
 * @param interrupted whether the run was stopped (Ctrl-C) before it finished
 * @param dryRun      whether nothing was sent or deleted
 */
public record ReplayResult(
        int replayed,
        int copied,
        int resumed,
        int purged,
        int unparseable,
        int held,
        int failed,
        long left,
        long dlqDepth,
        List<String> problems,
        boolean interrupted,
        boolean dryRun) {

    public ReplayResult {
        problems = List.copyOf(problems);
    }

    /** True when something the operator asked for is still in the DLQ. */
    public boolean needsAttention() {
        return !dryRun && (left > 0 || failed > 0 || interrupted);
    }

    /** {@code replayed=N copied=N … left=N}. */
    public String counts() {
        return (dryRun ? "dry run (nothing sent or deleted): " : "") + (interrupted ? "interrupted: " : "")
                + "replayed=" + replayed + " copied=" + copied + " resumed=" + resumed + " purged=" + purged
                + " unparseable=" + unparseable + " held=" + held + " failed=" + failed + " left=" + left
                + " dlq=" + dlqDepth;
    }
}
