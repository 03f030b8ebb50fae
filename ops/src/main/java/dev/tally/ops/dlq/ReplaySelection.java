package dev.tally.ops.dlq;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Which dead-lettered messages a replay is asked to move: by group (user), command type and age.
 * Empty sets and null durations select everything.
 *
 * @param groups       message groups to replay (empty: all)
 * @param commandTypes command types to replay, e.g. {@code RECORD_PAYMENT} (empty: all)
 * @param olderThan    only messages first sent longer ago than this, or null
 * @param newerThan    only messages first sent more recently than this, or null
 */
public record ReplaySelection(Set<String> groups, Set<String> commandTypes, Duration olderThan, Duration newerThan) {

    /** Everything. */
    public static final ReplaySelection ALL = new ReplaySelection(Set.of(), Set.of(), null, null);

    public ReplaySelection {
        groups = Set.copyOf(groups);
        commandTypes = Set.copyOf(commandTypes);
    }

    /** True when nothing is filtered out. */
    public boolean selectsEverything() {
        return groups.isEmpty() && commandTypes.isEmpty() && olderThan == null && newerThan == null;
    }

    /** True when only whole groups are selected (a group is then either replayed in full or not at all). */
    boolean onlyByGroup() {
        return commandTypes.isEmpty() && olderThan == null && newerThan == null;
    }

    /** True when {@code message} is selected at {@code now}. */
    public boolean selects(DeadLetterMessage message, Instant now) {
        if (!groups.isEmpty() && !groups.contains(message.groupId())) {
            return false;
        }
        if (!commandTypes.isEmpty()
                && (message.commandType() == null
                        || commandTypes.stream().noneMatch(type -> type.equalsIgnoreCase(message.commandType())))) {
            return false;
        }
        Duration age = message.age(now);
        if ((olderThan != null || newerThan != null) && age == null) {
            return false;
        }
        if (olderThan != null && age.compareTo(olderThan) <= 0) {
            return false;
        }
        return newerThan == null || age.compareTo(newerThan) < 0;
    }
}
