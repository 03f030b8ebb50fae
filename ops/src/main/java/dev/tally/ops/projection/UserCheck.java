package dev.tally.ops.projection;

import java.util.List;
import java.util.Objects;

/**
 * One user's summary checked against their debts.
 *
 * @param userId      the user
 * @param state       the verdict
 * @param differences how the stored totals differ from a recomputation (empty when equal)
 * @param detail      for LAGGING how far behind, for FAILED what went wrong (never item contents); else null
 */
public record UserCheck(String userId, State state, List<String> differences, String detail) {

    /** The verdicts. */
    public enum State {
        /** The summary accounts for every debt version and equals the recomputation. */
        CLEAN,
        /**
         * The summary has not yet taken in some debt versions (the stream is behind): its totals may
         * differ for now and will catch up, unless the records were discarded (see replay-failures).
         */
        LAGGING,
        /** The summary accounts for every debt version yet its totals differ: damaged, rebuild it. */
        DIVERGED,
        /** The user could not be checked (an unreadable item, totals that overflow, an AWS error). */
        FAILED
    }

    public UserCheck {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(state, "state");
        differences = List.copyOf(differences);
    }
}
