package dev.tally.commands;

import dev.tally.events.FieldProblem;
import dev.tally.events.Validated;
import dev.tally.events.command.CommandEnvelope;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a message body into a {@link CommandEnvelope}, or says why it never can be.
 *
 * <p>Reading is lenient about unknown properties (a newer API may add fields) and strict about
 * everything else, through the shared {@link CommandEnvelope#parse}. The problem detail names fields
 * and what is wrong with them; it never quotes the body.
 */
final class CommandParser {

    private CommandParser() {}

    /** The envelope in {@code body}, or why it is unparseable. */
    static ParsedMessage parse(String body) {
        Validated<CommandEnvelope> parsed = CommandEnvelope.parse(body);
        if (parsed instanceof Validated.Valid<CommandEnvelope> valid) {
            return new ParsedMessage.Command(valid.value());
        }
        List<FieldProblem> problems = ((Validated.Invalid<CommandEnvelope>) parsed).problems();
        String detail =
                problems.stream().map(p -> p.field() + " " + p.problem()).collect(Collectors.joining("; "));
        return new ParsedMessage.Poison(new Unparseable(reasonOf(problems), detail));
    }

    private static UnparseableReason reasonOf(List<FieldProblem> problems) {
        if (problems.stream().anyMatch(p -> p.field().equals(FieldProblem.BODY))) {
            return UnparseableReason.MALFORMED_JSON;
        }
        if (problems.stream().anyMatch(p -> p.is(FieldProblem.Code.UNKNOWN_COMMAND_TYPE))) {
            return UnparseableReason.UNKNOWN_COMMAND_TYPE;
        }
        return UnparseableReason.INVALID_COMMAND;
    }
}
