package dev.tally.commands.store;

import dev.tally.events.command.CommandEnvelope;
import java.util.List;

/** Starts a {@link BatchUnit} for a batch of commands. */
@FunctionalInterface
public interface BatchUnits {

    /**
     * Reads, consistently, the status of each of {@code commands} and the debt each one names, and
     * returns the unit holding them; throws an unchecked exception if they cannot be read at once.
     */
    BatchUnit begin(List<CommandEnvelope> commands);
}
