package dev.tally.events.request;

import dev.tally.events.FieldProblem;
import dev.tally.events.FieldUpdate;
import dev.tally.events.Limits;
import dev.tally.events.TextRules;
import dev.tally.events.Validated;
import dev.tally.events.command.UpdateDebt;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code PATCH /debts/{debtId}}, a JSON merge patch (RFC 7396):
 * {@code {description?, dueDate?, counterparty?: {name?, email?}}}. An absent field is left as it
 * is; {@code null} clears {@code description}, {@code dueDate} or {@code counterparty.email}.
 *
 * @param counterparty changes to the counterparty (cannot be null)
 * @param description  the new description, cleared, or unchanged
 * @param dueDate      the new due date ({@code YYYY-MM-DD}), cleared, or unchanged
 */
public record UpdateDebtRequest(
        FieldUpdate<CounterpartyPatchBody> counterparty, FieldUpdate<String> description, FieldUpdate<String> dueDate) {

    public UpdateDebtRequest {
        counterparty = counterparty == null ? FieldUpdate.unchanged() : counterparty;
        description = description == null ? FieldUpdate.unchanged() : description;
        dueDate = dueDate == null ? FieldUpdate.unchanged() : dueDate;
    }

    /** Validates every field at once and builds the command for {@code debtId}. */
    public Validated<UpdateDebt> validate(String debtId) {
        List<FieldProblem> problems = TextRules.problems();
        RequestFields.pathId(problems, "debtId", debtId);
        FieldUpdate<String> name = FieldUpdate.unchanged();
        FieldUpdate<String> email = FieldUpdate.unchanged();
        if (counterparty instanceof FieldUpdate.Cleared) {
            problems.add(new FieldProblem(
                    "counterparty",
                    "cannot be null: a debt needs a counterparty (send {\"email\": null} to clear the e-mail)"));
        } else if (counterparty instanceof FieldUpdate.SetTo<CounterpartyPatchBody> set) {
            name = set.value().name();
            email = set.value().email();
            if (name instanceof FieldUpdate.Cleared) {
                problems.add(new FieldProblem("counterparty.name", "cannot be null: a counterparty needs a name"));
            } else if (name instanceof FieldUpdate.SetTo<String> newName) {
                TextRules.requiredLine(problems, "counterparty.name", newName.value(), Limits.NAME_MAX);
            }
            if (email instanceof FieldUpdate.SetTo<String> newEmail) {
                TextRules.optionalEmail(problems, "counterparty.email", newEmail.value());
            }
            if (name.isUnchanged() && email.isUnchanged()) {
                problems.add(new FieldProblem("counterparty", "must contain name or email"));
            }
        }
        if (description instanceof FieldUpdate.SetTo<String> text) {
            RequestFields.optionalNonBlankText(problems, "description", text.value(), Limits.DESCRIPTION_MAX);
        }
        FieldUpdate<LocalDate> due = FieldUpdate.unchanged();
        if (dueDate instanceof FieldUpdate.SetTo<String> text) {
            LocalDate date = RequestFields.date(problems, "dueDate", text.value());
            due = date == null ? FieldUpdate.unchanged() : FieldUpdate.set(date);
        } else if (dueDate instanceof FieldUpdate.Cleared) {
            due = FieldUpdate.cleared();
        }
        if (counterparty.isUnchanged() && description.isUnchanged() && dueDate.isUnchanged()) {
            problems.add(new FieldProblem(
                    FieldProblem.BODY, "must change at least one of counterparty, description, dueDate"));
        }
        FieldUpdate<String> finalName = name;
        FieldUpdate<String> finalEmail = email;
        FieldUpdate<LocalDate> finalDue = due;
        return Validated.of(problems, () -> new UpdateDebt(debtId, finalName, finalEmail, description, finalDue));
    }
}
