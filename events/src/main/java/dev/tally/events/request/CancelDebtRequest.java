package dev.tally.events.request;

import dev.tally.events.FieldProblem;
import dev.tally.events.TextRules;
import dev.tally.events.Validated;
import dev.tally.events.command.CancelDebt;
import java.util.List;

/** {@code DELETE /debts/{debtId}}: no body; only the debt id from the path is checked. */
public final class CancelDebtRequest {

    private CancelDebtRequest() {}

    /** Validates the path's debt id and builds the command. */
    public static Validated<CancelDebt> validate(String debtId) {
        List<FieldProblem> problems = TextRules.problems();
        RequestFields.pathId(problems, "debtId", debtId);
        return Validated.of(problems, () -> new CancelDebt(debtId));
    }
}
