package dev.tally.api.store;

import java.util.Optional;

/**
 * The commands table as the API sees it: the idempotency record written when a command is
 * accepted, and the status the worker later writes on the same item.
 */
public interface CommandStore {

    /**
     * Records a command as {@code ACCEPTED} unless the user already has a command with its id.
     *
     * @return {@link AcceptResult.Recorded} when this call wrote the record, or
     *         {@link AcceptResult.AlreadyRecorded} with the record that was there (a replay of the
     *         same {@code Idempotency-Key}, or its reuse for another request)
     */
    AcceptResult recordAccepted(CommandRecord accepted);

    /** The user's command with this id, if there is one (read consistently). */
    Optional<CommandRecord> find(String userId, String commandId);
}
