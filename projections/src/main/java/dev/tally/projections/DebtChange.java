package dev.tally.projections;

import dev.tally.common.domain.Debt;
import dev.tally.common.store.AppliedVersions;
import java.util.Objects;

/**
 * A debt's change as the stream reports it: the image before and after (INSERT has no
 * {@code before}, REMOVE no {@code after}).
 *
 * @param sequenceNumber the stream sequence number
 * @param userId         the owner
 * @param debtId         the debt
 * @param before         the debt before the change, or null (INSERT)
 * @param after          the debt after the change, or null (REMOVE)
 */
public record DebtChange(String sequenceNumber, String userId, String debtId, Debt before, Debt after)
        implements ChangeRecord {

    public DebtChange {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(debtId, "debtId");
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change has a debt before it, after it, or both");
        }
        for (Debt debt : new Debt[] {before, after}) {
            if (debt != null && (!debt.userId().equals(userId) || !debt.debtId().equals(debtId))) {
                throw new IllegalArgumentException("the image is of another debt than the record's key");
            }
        }
        if (before != null && after != null && after.version() <= before.version()) {
            throw new IllegalArgumentException("the new image's version " + after.version()
                    + " is not above the old image's version " + before.version());
        }
    }

    /** The position of this change in the debt's history, as kept in a summary's {@code debtVersions}. */
    public long marker() {
        return after != null ? AppliedVersions.live(after.version()) : AppliedVersions.removedAfter(before.version());
    }
}
