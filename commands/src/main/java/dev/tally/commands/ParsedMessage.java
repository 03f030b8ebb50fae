package dev.tally.commands;

/** What a message body turned out to be: a command to apply, or poison to set aside. */
sealed interface ParsedMessage {

    /** A well-formed command. */
    record Command(dev.tally.events.command.CommandEnvelope envelope) implements ParsedMessage {}

    /** A body that can never become a command. */
    record Poison(Unparseable problem) implements ParsedMessage {}
}
