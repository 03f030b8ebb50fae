package dev.tally.projections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One user's share of a stream batch, in stream order, split at the user's first unreadable record:
 * the readable changes before it are applied together; that record and every later record of the user
 * are held back (reported as failed, so they come again after the unreadable one).
 *
 * @param userId  the owner of every record
 * @param changes the readable changes before the first unreadable record: what is folded and written
 * @param held    the first unreadable record and the user's records after it; empty when all are readable
 */
record UserBatch(String userId, List<DebtChange> changes, List<ChangeRecord> held) {

    UserBatch {
        Objects.requireNonNull(userId, "userId");
        changes = List.copyOf(changes);
        held = List.copyOf(held);
        if (!held.isEmpty() && !(held.get(0) instanceof UnreadableRecord)) {
            throw new IllegalArgumentException("held records start at an unreadable one");
        }
    }

    /**
     * Groups {@code records} by user, in the order each user first appears, keeping stream order within
     * each user. Records without a user are left out: they belong to no summary.
     */
    static List<UserBatch> byUser(List<ChangeRecord> records) {
        Map<String, List<ChangeRecord>> byUser = new LinkedHashMap<>();
        for (ChangeRecord record : records) {
            if (record.userId() != null) {
                byUser.computeIfAbsent(record.userId(), user -> new ArrayList<>())
                        .add(record);
            }
        }
        return byUser.entrySet().stream()
                .map(user -> of(user.getKey(), user.getValue()))
                .toList();
    }

    /** {@code userId}'s records (in stream order) split at the first unreadable one. */
    static UserBatch of(String userId, List<ChangeRecord> records) {
        List<DebtChange> changes = new ArrayList<>();
        for (ChangeRecord record : records) {
            if (!(record instanceof DebtChange change)) {
                break;
            }
            changes.add(change);
        }
        return new UserBatch(userId, changes, records.subList(changes.size(), records.size()));
    }

    /** The record whose failure holds back the rest, if any. */
    Optional<UnreadableRecord> firstUnreadable() {
        return held.isEmpty() ? Optional.empty() : Optional.of((UnreadableRecord) held.get(0));
    }
}
