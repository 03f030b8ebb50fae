package dev.tally.events.command;

import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import dev.tally.events.Money;
import dev.tally.events.TextRules;
import java.time.Instant;
import java.util.List;

/**
 * Record a payment against a debt, in the debt's currency.
 *
 * @param debtId the debt
 * @param amount the amount paid, positive
 * @param paidAt when it was paid
 * @param note   optional, at most {@link Limits#NOTE_MAX} characters
 */
public record RecordPayment(String debtId, Money amount, Instant paidAt, String note) implements DebtCommand {

    public RecordPayment {
        List<FieldProblem> problems = TextRules.problems();
        TextRules.requiredId(problems, "debtId", debtId);
        TextRules.required(problems, "amount", amount);
        TextRules.required(problems, "paidAt", paidAt);
        TextRules.optionalText(problems, "note", note, Limits.NOTE_MAX);
        TextRules.check(problems);
    }

    @Override
    public CommandType type() {
        return CommandType.RECORD_PAYMENT;
    }
}
