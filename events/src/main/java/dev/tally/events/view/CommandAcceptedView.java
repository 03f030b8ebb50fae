package dev.tally.events.view;

import dev.tally.events.command.CommandStatus;

/**
 * The 202 answer to a command: {@code {commandId, debtId, status: "ACCEPTED", statusUrl}}.
 *
 * @param commandId the command's id (the idempotency key)
 * @param debtId    the debt it acts on
 * @param status    {@code ACCEPTED}
 * @param statusUrl where to poll the outcome: {@code /commands/{commandId}}
 */
public record CommandAcceptedView(String commandId, String debtId, CommandStatus.Status status, String statusUrl) {

    /** The answer for an accepted command, with the status URL {@code /commands/{commandId}}. */
    public static CommandAcceptedView accepted(String commandId, String debtId) {
        return new CommandAcceptedView(commandId, debtId, CommandStatus.Status.ACCEPTED, "/commands/" + commandId);
    }
}
