package dev.tally.events.command;

import dev.tally.events.FieldProblem;
import dev.tally.events.FieldUpdate;
import dev.tally.events.Limits;
import dev.tally.events.TextRules;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * Change the mutable fields of a debt, with JSON merge-patch semantics: an absent field is left
 * as it is, an explicit {@code null} clears an optional field, a value replaces it.
 *
 * <p>The counterparty's name can be changed but not cleared; its e-mail, the description and the
 * due date can be cleared. On the wire: {@code {"debtId": "…", "counterpartyName": "Bob",
 * "description": null}} (only the fields that change).
 *
 * @param debtId            the debt
 * @param counterpartyName  new display name (never {@link FieldUpdate.Cleared})
 * @param counterpartyEmail new or cleared e-mail
 * @param description       new or cleared description
 * @param dueDate           new or cleared due date
 */
public record UpdateDebt(
        String debtId,
        FieldUpdate<String> counterpartyName,
        FieldUpdate<String> counterpartyEmail,
        FieldUpdate<String> description,
        FieldUpdate<LocalDate> dueDate)
        implements DebtCommand {

    public UpdateDebt {
        List<FieldProblem> problems = TextRules.problems();
        TextRules.requiredId(problems, "debtId", debtId);
        TextRules.required(problems, "counterpartyName", counterpartyName);
        TextRules.required(problems, "counterpartyEmail", counterpartyEmail);
        TextRules.required(problems, "description", description);
        TextRules.required(problems, "dueDate", dueDate);
        if (counterpartyName instanceof FieldUpdate.Cleared) {
            problems.add(new FieldProblem("counterpartyName", "cannot be cleared: a counterparty needs a name"));
        }
        if (counterpartyName instanceof FieldUpdate.SetTo<String> name) {
            TextRules.requiredLine(problems, "counterpartyName", name.value(), Limits.NAME_MAX);
        }
        if (counterpartyEmail instanceof FieldUpdate.SetTo<String> email) {
            TextRules.optionalEmail(problems, "counterpartyEmail", email.value());
        }
        if (description instanceof FieldUpdate.SetTo<String> text) {
            TextRules.optionalText(problems, "description", text.value(), Limits.DESCRIPTION_MAX);
        }
        TextRules.check(problems);
    }

    /** True when every field is left unchanged. */
    public boolean changesNothing() {
        return Stream.of(counterpartyName, counterpartyEmail, description, dueDate)
                .allMatch(FieldUpdate::isUnchanged);
    }

    @Override
    public CommandType type() {
        return CommandType.UPDATE_DEBT;
    }
}
