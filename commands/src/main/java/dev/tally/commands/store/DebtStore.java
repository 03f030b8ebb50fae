package dev.tally.commands.store;

import dev.tally.common.domain.Debt;
import java.util.Optional;

/** The debts table as the worker needs it: read a debt, and write a new version of it safely. */
public interface DebtStore {

    /** The current debt, read consistently; empty if it does not exist. */
    Optional<Debt> find(String userId, String debtId);

    /**
     * Writes {@code debt} if the stored debt is still the version it was decided from
     * ({@code debt.version() - 1}; for version 1: if no debt with that id exists).
     *
     * @return true if written, false if the stored debt changed in between (nothing was written)
     */
    boolean save(Debt debt);
}
