package dev.tally.api.store;

import java.util.Objects;

/** What recording an accepted command came to. */
public sealed interface AcceptResult {

    /** The record was written by this call: the command is new. */
    record Recorded() implements AcceptResult {}

    /**
     * A record with the same user and command id existed; nothing was written.
     *
     * @param existing the record as stored
     */
    record AlreadyRecorded(CommandRecord existing) implements AcceptResult {
        public AlreadyRecorded {
            Objects.requireNonNull(existing, "existing");
        }
    }
}
