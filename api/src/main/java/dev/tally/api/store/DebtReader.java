package dev.tally.api.store;

import dev.tally.common.domain.Debt;
import dev.tally.events.DebtStatus;
import java.util.Optional;

/** The debts table as the query routes read it: one debt, or a page of a user's debts in creation order. */
public interface DebtReader {

    /** The user's debt with this id, if there is one (another user's debt is simply not there). */
    Optional<Debt> find(String userId, String debtId);

    /**
     * Up to {@code limit} of the user's debts, in debt id (creation) order.
     *
     * @param status       only debts with this status, or null for all
     * @param afterDebtId  start after this debt id, or null from the first debt
     * @param limit        the most debts returned, at least 1
     */
    DebtPage page(String userId, DebtStatus status, String afterDebtId, int limit);
}
