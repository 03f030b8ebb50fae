package dev.tally.events.request;

import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import dev.tally.events.TextRules;
import dev.tally.events.Validated;
import dev.tally.events.command.SettleDebt;
import java.util.List;

/**
 * The body of {@code POST /debts/{debtId}/settle}: {@code {note?}}. An empty body means {@code {}}.
 *
 * @param note optional, not blank, at most {@link Limits#NOTE_MAX} characters
 */
public record SettleDebtRequest(String note) {

    /** Validates the body and builds the command for {@code debtId}. */
    public Validated<SettleDebt> validate(String debtId) {
        List<FieldProblem> problems = TextRules.problems();
        RequestFields.pathId(problems, "debtId", debtId);
        RequestFields.optionalNonBlankText(problems, "note", note, Limits.NOTE_MAX);
        return Validated.of(problems, () -> new SettleDebt(debtId, note));
    }
}
