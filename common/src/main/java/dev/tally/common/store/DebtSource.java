package dev.tally.common.store;

import dev.tally.common.domain.Debt;
import java.util.List;

/** Reads a user's debts as they are now (for rebuilding a summary from scratch). */
public interface DebtSource {

    /** Every debt of {@code userId}, read consistently. */
    List<Debt> debtsOf(String userId);
}
