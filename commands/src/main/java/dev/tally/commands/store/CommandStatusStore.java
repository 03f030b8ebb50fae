package dev.tally.commands.store;

import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.util.Optional;

/**
 * The command status records ({@code commands} table) as the worker needs them: read where a
 * command is, and record its outcome without ever undoing an earlier outcome.
 */
public interface CommandStatusStore {

    /** The recorded status of a command, or empty if none is recorded (or it has expired). */
    Optional<CommandStatus.Status> findStatus(String userId, String commandId);

    /**
     * Records {@code APPLIED} with the debt version the command produced, unless the command already
     * has an outcome.
     *
     * @return true if this call recorded it, false if an outcome was already recorded
     */
    boolean recordApplied(CommandEnvelope command, long debtVersion);

    /**
     * Records {@code REJECTED} with {@code reason}, unless the command already has an outcome.
     *
     * @return true if this call recorded it, false if an outcome was already recorded
     */
    boolean recordRejected(CommandEnvelope command, RejectionReason reason);
}
