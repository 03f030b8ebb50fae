package dev.tally.events.command;

import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import dev.tally.events.TextRules;
import java.util.List;

/**
 * Close a debt now: whatever is still outstanding is written off.
 *
 * @param debtId the debt
 * @param note   optional, at most {@link Limits#NOTE_MAX} characters
 */
public record SettleDebt(String debtId, String note) implements DebtCommand {

    public SettleDebt {
        List<FieldProblem> problems = TextRules.problems();
        TextRules.requiredId(problems, "debtId", debtId);
        TextRules.optionalText(problems, "note", note, Limits.NOTE_MAX);
        TextRules.check(problems);
    }

    @Override
    public CommandType type() {
        return CommandType.SETTLE_DEBT;
    }
}
