package dev.tally.events.command;

import dev.tally.events.FieldProblem;
import dev.tally.events.TextRules;
import java.util.List;

/**
 * Withdraw a debt: it keeps its numbers but no longer counts towards the owner's summary.
 *
 * @param debtId the debt
 */
public record CancelDebt(String debtId) implements DebtCommand {

    public CancelDebt {
        List<FieldProblem> problems = TextRules.problems();
        TextRules.requiredId(problems, "debtId", debtId);
        TextRules.check(problems);
    }

    @Override
    public CommandType type() {
        return CommandType.CANCEL_DEBT;
    }
}
