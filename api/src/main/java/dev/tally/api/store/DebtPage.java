package dev.tally.api.store;

import dev.tally.common.domain.Debt;
import java.util.List;

/**
 * A page of a user's debts.
 *
 * @param debts       the debts, in debt id order
 * @param resumeAfter the debt id after which the next page starts (the last debt of this page, or
 *                    where a bounded filtered read stopped), or null when nothing follows
 */
public record DebtPage(List<Debt> debts, String resumeAfter) {

    public DebtPage {
        debts = List.copyOf(debts);
    }

    /** True when a next page may hold more debts. */
    public boolean hasMore() {
        return resumeAfter != null;
    }
}
