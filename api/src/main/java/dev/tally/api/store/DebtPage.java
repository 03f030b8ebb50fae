package dev.tally.api.store;

import dev.tally.common.domain.Debt;
import java.util.List;

/**
 * A page of a user's debts.
 *
 * @param debts   the debts, in debt id order
 * @param hasMore true when at least one more debt matches after the last one of this page
 */
public record DebtPage(List<Debt> debts, boolean hasMore) {

    public DebtPage {
        debts = List.copyOf(debts);
        if (hasMore && debts.isEmpty()) {
            throw new IllegalArgumentException("an empty page cannot have more after it");
        }
    }
}
