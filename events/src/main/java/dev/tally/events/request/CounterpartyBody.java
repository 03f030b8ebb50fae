package dev.tally.events.request;

import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import dev.tally.events.TextRules;
import dev.tally.events.command.Counterparty;
import java.util.List;

/**
 * The {@code counterparty} object of {@code POST /debts}: {@code {name, email?}}.
 *
 * @param name  display name, required
 * @param email optional e-mail address
 */
public record CounterpartyBody(String name, String email) {

    /** Appends the problems of this object under {@code prefix}; returns the counterparty when it is valid. */
    Counterparty validate(List<FieldProblem> problems, String prefix) {
        int before = problems.size();
        TextRules.requiredLine(problems, prefix + ".name", name, Limits.NAME_MAX);
        TextRules.optionalEmail(problems, prefix + ".email", email);
        return problems.size() == before ? new Counterparty(name, email) : null;
    }
}
