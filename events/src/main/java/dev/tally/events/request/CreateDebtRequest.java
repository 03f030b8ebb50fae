package dev.tally.events.request;

import dev.tally.events.DecimalMoney;
import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import dev.tally.events.Money;
import dev.tally.events.TextRules;
import dev.tally.events.Validated;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /debts}: {@code {counterparty: {name, email?}, direction, amount: Money,
 * description?, dueDate?}}. Fields are kept as read; {@link #validate} checks them all.
 *
 * @param counterparty the other party, required
 * @param direction    {@code OWED_BY_ME} or {@code OWED_TO_ME}, required
 * @param amount       the principal, required, positive
 * @param description  optional, not blank, at most {@link Limits#DESCRIPTION_MAX} characters
 * @param dueDate      optional {@code YYYY-MM-DD}
 */
public record CreateDebtRequest(
        CounterpartyBody counterparty, String direction, DecimalMoney amount, String description, String dueDate) {

    /** Validates every field at once and builds the command for the new debt {@code debtId}. */
    public Validated<CreateDebt> validate(String debtId) {
        List<FieldProblem> problems = TextRules.problems();
        RequestFields.pathId(problems, "debtId", debtId);
        Counterparty party = null;
        if (counterparty == null) {
            problems.add(new FieldProblem("counterparty", "is required: an object like {\"name\": \"Alice\"}"));
        } else {
            party = counterparty.validate(problems, "counterparty");
        }
        Direction parsedDirection = RequestFields.constant(problems, "direction", direction, Direction.class);
        Validated<Money> money = Money.parse(amount, "amount");
        problems.addAll(money.problems());
        RequestFields.optionalNonBlankText(problems, "description", description, Limits.DESCRIPTION_MAX);
        LocalDate due = RequestFields.date(problems, "dueDate", dueDate);
        Counterparty finalParty = party;
        return Validated.of(
                problems,
                () -> new CreateDebt(debtId, finalParty, parsedDirection, money.orElseThrow(), description, due));
    }
}
