package dev.tally.events.command;

import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import dev.tally.events.TextRules;
import java.util.List;

/**
 * The other party of a debt.
 *
 * @param name  display name: not blank, at most {@link Limits#NAME_MAX} characters, one line
 * @param email optional e-mail address
 */
public record Counterparty(String name, String email) {

    public Counterparty {
        List<FieldProblem> problems = TextRules.problems();
        TextRules.requiredLine(problems, "name", name, Limits.NAME_MAX);
        TextRules.optionalEmail(problems, "email", email);
        TextRules.check(problems);
    }

    /** A counterparty without e-mail. */
    public static Counterparty named(String name) {
        return new Counterparty(name, null);
    }
}
