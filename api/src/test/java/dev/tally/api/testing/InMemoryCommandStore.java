package dev.tally.api.testing;

import dev.tally.api.store.AcceptResult;
import dev.tally.api.store.CommandRecord;
import dev.tally.api.store.CommandStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The commands table in memory, with the same put-if-absent semantics as the DynamoDB adapter. */
public final class InMemoryCommandStore implements CommandStore {

    private final Map<List<String>, CommandRecord> records = new ConcurrentHashMap<>();

    @Override
    public AcceptResult recordAccepted(CommandRecord accepted) {
        CommandRecord existing = records.putIfAbsent(List.of(accepted.userId(), accepted.commandId()), accepted);
        return existing == null ? new AcceptResult.Recorded() : new AcceptResult.AlreadyRecorded(existing);
    }

    @Override
    public Optional<CommandRecord> find(String userId, String commandId) {
        return Optional.ofNullable(records.get(List.of(userId, commandId)));
    }

    /** Replaces a record, as the worker does when it records an outcome. */
    public void put(CommandRecord record) {
        records.put(List.of(record.userId(), record.commandId()), record);
    }

    /** How many records are stored. */
    public int size() {
        return records.size();
    }
}
