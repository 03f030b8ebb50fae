package dev.tally.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tally.commands.store.CommandStatusStore;
import dev.tally.commands.store.DebtStore;
import dev.tally.common.domain.Debt;
import dev.tally.common.store.DebtItem;
import dev.tally.events.Limits;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The apply-once logic with the real domain rules and mocked stores. */
@ExtendWith(MockitoExtension.class)
class CommandApplierTest {

    private static final Commands COMMANDS = new Commands("user-a", "0193f1a2-0000-7000-8000-00000000000a");

    @Mock
    private DebtStore debts;

    @Mock
    private CommandStatusStore statuses;

    @Test
    void apply_whenTheCommandAlreadyHasAnOutcome_doesNothing() {
        var payment = COMMANDS.payment("cmd-2", 3_000);
        when(statuses.findStatus("user-a", "cmd-2")).thenReturn(Optional.of(CommandStatus.Status.APPLIED));

        ApplyOutcome outcome = applier().apply(payment);

        assertThat(outcome).isEqualTo(new ApplyOutcome.AlreadyDecided(CommandStatus.Status.APPLIED));
        verifyNoInteractions(debts);
        verify(statuses, never()).recordApplied(any(), anyLong());
    }

    @Test
    void apply_whenANewDebtIsCreated_writesVersionOneAndRecordsApplied() {
        var create = COMMANDS.create("cmd-1", 10_000);
        when(statuses.findStatus("user-a", "cmd-1")).thenReturn(Optional.of(CommandStatus.Status.ACCEPTED));
        when(debts.find("user-a", COMMANDS.debtId())).thenReturn(Optional.empty());
        when(debts.save(any())).thenReturn(true);

        ApplyOutcome outcome = applier().apply(create);

        assertThat(outcome).isEqualTo(new ApplyOutcome.Applied(1, false));
        ArgumentCaptor<Debt> written = ArgumentCaptor.forClass(Debt.class);
        verify(debts).save(written.capture());
        assertThat(written.getValue().version()).isEqualTo(1);
        assertThat(written.getValue().appliedCommands()).containsKey("cmd-1");
        verify(statuses).recordApplied(create, 1);
    }

    @Test
    void apply_whenTheDebtAlreadyHoldsTheCommand_recordsAppliedWithItsVersionWithoutWriting() {
        var create = COMMANDS.create("cmd-1", 10_000);
        var payment = COMMANDS.payment("cmd-2", 3_000);
        Debt afterPayment = COMMANDS.after(create, payment);
        when(statuses.findStatus("user-a", "cmd-2")).thenReturn(Optional.empty());
        when(debts.find("user-a", COMMANDS.debtId())).thenReturn(Optional.of(afterPayment));

        ApplyOutcome outcome = applier().apply(payment);

        assertThat(outcome).isEqualTo(new ApplyOutcome.Applied(2, true));
        verify(debts, never()).save(any());
        verify(statuses).recordApplied(payment, 2);
    }

    @Test
    void apply_whenThePaymentExceedsTheOutstandingBalance_recordsTheRejectionAndWritesNothing() {
        var create = COMMANDS.create("cmd-1", 10_000);
        var payment = COMMANDS.payment("cmd-2", 15_000);
        when(statuses.findStatus("user-a", "cmd-2")).thenReturn(Optional.empty());
        when(debts.find("user-a", COMMANDS.debtId())).thenReturn(Optional.of(COMMANDS.after(create)));

        ApplyOutcome outcome = applier().apply(payment);

        assertThat(outcome).isEqualTo(new ApplyOutcome.Rejected(RejectionReason.OVERPAYMENT));
        verify(debts, never()).save(any());
        verify(statuses).recordRejected(payment, RejectionReason.OVERPAYMENT);
    }

    @Test
    void apply_whenAConcurrentCopyWinsTheWrite_reReadsAndRecordsTheVersionItProduced() {
        var create = COMMANDS.create("cmd-1", 10_000);
        var payment = COMMANDS.payment("cmd-2", 3_000);
        when(statuses.findStatus("user-a", "cmd-2")).thenReturn(Optional.empty());
        when(debts.find("user-a", COMMANDS.debtId()))
                .thenReturn(Optional.of(COMMANDS.after(create)))
                .thenReturn(Optional.of(COMMANDS.after(create, payment)));
        when(debts.save(any())).thenReturn(false);

        ApplyOutcome outcome = applier().apply(payment);

        assertThat(outcome).isEqualTo(new ApplyOutcome.Applied(2, true));
        verify(debts, times(1)).save(any());
        verify(statuses).recordApplied(payment, 2);
    }

    @Test
    void apply_whenTheWriteConflictsOnEveryAttempt_throwsSoTheMessageIsRetried() {
        var create = COMMANDS.create("cmd-1", 10_000);
        var payment = COMMANDS.payment("cmd-2", 3_000);
        when(statuses.findStatus("user-a", "cmd-2")).thenReturn(Optional.empty());
        when(debts.find("user-a", COMMANDS.debtId())).thenReturn(Optional.of(COMMANDS.after(create)));
        when(debts.save(any())).thenReturn(false);

        assertThatThrownBy(() -> applier().apply(payment))
                .isInstanceOf(ConcurrentDebtChangeException.class)
                .hasMessageContaining("cmd-2");
        verify(debts, times(CommandApplier.WRITE_ATTEMPTS)).save(any());
        verify(statuses, never()).recordApplied(any(), anyLong());
    }

    @Test
    void apply_whenTheStatusCannotBeRead_throwsAndWritesNothing() {
        var payment = COMMANDS.payment("cmd-2", 3_000);
        when(statuses.findStatus("user-a", "cmd-2"))
                .thenThrow(DynamoDbException.builder()
                        .message("throttled")
                        .statusCode(400)
                        .build());

        assertThatThrownBy(() -> applier().apply(payment)).isInstanceOf(DynamoDbException.class);
        verifyNoInteractions(debts);
    }

    private CommandApplier applier() {
        return new CommandApplier(debts, statuses);
    }

    @Test
    void apply_whenTheNextDebtWouldPassTheItemLimit_rejectsItWithoutWriting() {
        String astralNote = "\uD83D\uDE00".repeat(Limits.NOTE_MAX);
        Debt fitting = COMMANDS.after(COMMANDS.create("cmd-0", 1_000_000));
        int paymentNumber = 1;
        while (DebtItem.fits(COMMANDS.after(fitting, COMMANDS.payment("p-" + paymentNumber, 1, astralNote)))) {
            fitting = COMMANDS.after(fitting, COMMANDS.payment("p-" + paymentNumber, 1, astralNote));
            paymentNumber++;
        }
        var payment = COMMANDS.payment("p-" + paymentNumber, 1, astralNote);
        when(statuses.findStatus("user-a", payment.commandId())).thenReturn(Optional.of(CommandStatus.Status.ACCEPTED));
        when(debts.find("user-a", COMMANDS.debtId())).thenReturn(Optional.of(fitting));

        ApplyOutcome outcome = applier().apply(payment);

        assertThat(paymentNumber).isLessThan(Debt.MAX_COMMANDS);
        assertThat(outcome).isEqualTo(new ApplyOutcome.Rejected(RejectionReason.DEBT_TOO_LARGE));
        verify(debts, never()).save(any());
        verify(statuses).recordRejected(payment, RejectionReason.DEBT_TOO_LARGE);
    }
}
