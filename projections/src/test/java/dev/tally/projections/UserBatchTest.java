package dev.tally.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.TestCommands;
import dev.tally.events.command.CommandEnvelope;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserBatchTest {

    @Test
    void byUser_whenUsersInterleave_groupsInOrderOfFirstAppearanceKeepingStreamOrderAndLeavesOutKeylessRecords() {
        DebtChange a1 = change("1", "user-a");
        DebtChange b1 = change("2", "user-b");
        UnreadableRecord keyless = new UnreadableRecord("3", null, "no key");
        DebtChange a2 = change("4", "user-a");

        List<UserBatch> batches = UserBatch.byUser(List.of(a1, b1, keyless, a2));

        assertThat(batches)
                .containsExactly(
                        new UserBatch("user-a", List.of(a1, a2), List.of()),
                        new UserBatch("user-b", List.of(b1), List.of()));
    }

    @Test
    void of_whenARecordIsUnreadable_appliesTheChangesBeforeItAndHoldsItAndEverythingAfter() {
        DebtChange first = change("1", "user-a");
        UnreadableRecord unreadable = new UnreadableRecord("2", "user-a", "malformed");
        DebtChange after = change("3", "user-a");

        UserBatch batch = UserBatch.of("user-a", List.of(first, unreadable, after));

        assertThat(batch.changes()).containsExactly(first);
        assertThat(batch.held()).containsExactly(unreadable, after);
        assertThat(batch.firstUnreadable()).contains(unreadable);
    }

    @Test
    void of_whenTheFirstRecordIsUnreadable_appliesNothing() {
        UnreadableRecord unreadable = new UnreadableRecord("1", "user-a", "malformed");

        UserBatch batch = UserBatch.of("user-a", List.of(unreadable, change("2", "user-a")));

        assertThat(batch.changes()).isEmpty();
        assertThat(batch.held()).hasSize(2);
    }

    @Test
    void of_whenEveryRecordIsReadable_holdsNothing() {
        UserBatch batch = UserBatch.of("user-a", List.of(change("1", "user-a"), change("2", "user-a")));

        assertThat(batch.changes()).hasSize(2);
        assertThat(batch.held()).isEmpty();
        assertThat(batch.firstUnreadable()).isEmpty();
    }

    private static DebtChange change(String sequenceNumber, String userId) {
        CommandEnvelope create = TestCommands.create("cmd-" + sequenceNumber, 10_000, "EUR");
        Debt debt = TestCommands.applied(DebtDecider.decide(
                null,
                CommandEnvelope.of(
                        create.commandId(), userId, create.issuedAt(), create.correlationId(), create.payload())));
        return new DebtChange(sequenceNumber, userId, debt.debtId(), null, debt);
    }
}
