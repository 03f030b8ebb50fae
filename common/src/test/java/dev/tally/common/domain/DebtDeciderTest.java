package dev.tally.common.domain;

import static dev.tally.common.domain.TestCommands.DEBT;
import static dev.tally.common.domain.TestCommands.T0;
import static dev.tally.common.domain.TestCommands.USER;
import static dev.tally.common.domain.TestCommands.applied;
import static dev.tally.common.domain.TestCommands.cancel;
import static dev.tally.common.domain.TestCommands.create;
import static dev.tally.common.domain.TestCommands.envelope;
import static dev.tally.common.domain.TestCommands.pay;
import static dev.tally.common.domain.TestCommands.settle;
import static dev.tally.common.domain.TestCommands.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.events.DebtStatus;
import dev.tally.events.FieldUpdate;
import dev.tally.events.Money;
import dev.tally.events.command.CancelDebt;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RejectionReason;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DebtDeciderTest {

    private static final Debt OPEN = applied(DebtDecider.decide(null, create("c-create", 10_000, "EUR")));

    private static Decision decide(Debt current, CommandEnvelope command) {
        return DebtDecider.decide(current, command);
    }

    private static void assertRejected(Decision decision, RejectionReason reason) {
        assertThat(decision).isInstanceOfSatisfying(Decision.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.detail()).isNotBlank();
        });
    }

    @Nested
    class Create {

        @Test
        void onNoDebt_createsOpenDebtAtVersionOne() {
            assertThat(OPEN.userId()).isEqualTo(USER);
            assertThat(OPEN.debtId()).isEqualTo(DEBT);
            assertThat(OPEN.counterparty()).isEqualTo(new Counterparty("Alice", "alice@example.com"));
            assertThat(OPEN.direction()).isEqualTo(Direction.OWED_TO_ME);
            assertThat(OPEN.currency()).isEqualTo("EUR");
            assertThat(OPEN.principal()).isEqualTo(10_000);
            assertThat(OPEN.outstanding()).isEqualTo(10_000);
            assertThat(OPEN.paid()).isZero();
            assertThat(OPEN.status()).isEqualTo(DebtStatus.OPEN);
            assertThat(OPEN.version()).isEqualTo(1);
            assertThat(OPEN.createdAt()).isEqualTo(T0);
            assertThat(OPEN.updatedAt()).isEqualTo(T0);
            assertThat(OPEN.dueDate()).isEqualTo(LocalDate.of(2026, 12, 31));
            assertThat(OPEN.description()).isEqualTo("Dinner");
            assertThat(OPEN.appliedCommands()).isEqualTo(Map.of("c-create", 1L));
            assertThat(OPEN.payments()).isEmpty();
            assertThat(OPEN.writtenOff()).isZero();
        }

        @Test
        void onExistingDebt_isRejectedAsAlreadyExists() {
            assertRejected(decide(OPEN, create("c-other", 5, "EUR")), RejectionReason.DEBT_ALREADY_EXISTS);
        }

        @Test
        void sameCommandAgain_isAlreadyApplied() {
            assertThat(decide(OPEN, create("c-create", 10_000, "EUR"))).isEqualTo(new Decision.AlreadyApplied(1));
        }

        @Test
        void onAClosedDebt_isStillAlreadyExists() {
            Debt cancelled = applied(decide(OPEN, cancel("c-cancel", 1)));
            assertRejected(decide(cancelled, create("c-other", 5, "EUR")), RejectionReason.DEBT_ALREADY_EXISTS);
        }
    }

    @Nested
    class Missing {

        @Test
        void everyOtherCommandOnNoDebt_isNotFound() {
            assertRejected(decide(null, pay("c", 1, 100, "EUR")), RejectionReason.DEBT_NOT_FOUND);
            assertRejected(decide(null, settle("c", 1)), RejectionReason.DEBT_NOT_FOUND);
            assertRejected(decide(null, cancel("c", 1)), RejectionReason.DEBT_NOT_FOUND);
            assertRejected(
                    decide(
                            null,
                            update(
                                    "c",
                                    1,
                                    FieldUpdate.set("B"),
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged())),
                    RejectionReason.DEBT_NOT_FOUND);
        }

        @Test
        void anotherUsersDebt_isNotFound_evenForADuplicateCommandId() {
            CommandEnvelope intruder = CommandEnvelope.of("c-create", "user-2", T0, null, new CancelDebt(DEBT));
            assertRejected(decide(OPEN, intruder), RejectionReason.DEBT_NOT_FOUND);
            CommandEnvelope intruderCreate = CommandEnvelope.of(
                    "c-x",
                    "user-2",
                    T0,
                    null,
                    new CreateDebt(
                            DEBT, Counterparty.named("Mallory"), Direction.OWED_TO_ME, Money.of(1, "EUR"), null, null));
            assertRejected(decide(OPEN, intruderCreate), RejectionReason.DEBT_NOT_FOUND);
        }

        @Test
        void aDifferentDebtThanTheCommands_isAProgrammingError() {
            CommandEnvelope other = CommandEnvelope.of("c", USER, T0, null, new CancelDebt("debt-2"));
            assertThatThrownBy(() -> decide(OPEN, other)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Payments {

        @Test
        void partialPayment_lowersOutstanding_andStaysOpen() {
            Debt after = applied(decide(OPEN, pay("c-pay", 5, 2_500, "EUR")));

            assertThat(after.outstanding()).isEqualTo(7_500);
            assertThat(after.paid()).isEqualTo(2_500);
            assertThat(after.status()).isEqualTo(DebtStatus.OPEN);
            assertThat(after.payments())
                    .containsExactly(new Payment(2_500, T0.plusSeconds(300), "note c-pay", "c-pay"));
            assertThat(after.version()).isEqualTo(2);
            assertThat(after.appliedCommands()).containsEntry("c-pay", 2L).containsEntry("c-create", 1L);
            assertThat(after.updatedAt()).isEqualTo(T0.plusSeconds(300));
            assertThat(after.createdAt()).isEqualTo(T0);
        }

        @Test
        void paymentOfTheWholeOutstanding_settlesWithNothingWrittenOff() {
            Debt part = applied(decide(OPEN, pay("c-1", 1, 4_000, "EUR")));
            Debt full = applied(decide(part, pay("c-2", 2, 6_000, "EUR")));

            assertThat(full.status()).isEqualTo(DebtStatus.SETTLED);
            assertThat(full.outstanding()).isZero();
            assertThat(full.writtenOff()).isZero();
            assertThat(full.paid()).isEqualTo(10_000);
        }

        @Test
        void paymentAboveOutstanding_isOverpayment() {
            Debt part = applied(decide(OPEN, pay("c-1", 1, 4_000, "EUR")));

            assertRejected(decide(part, pay("c-2", 2, 6_001, "EUR")), RejectionReason.OVERPAYMENT);
            assertRejected(decide(OPEN, pay("c-3", 2, 10_001, "EUR")), RejectionReason.OVERPAYMENT);
        }

        @Test
        void paymentInAnotherCurrency_isCurrencyMismatch_evenWhenSmall() {
            assertRejected(decide(OPEN, pay("c-1", 1, 1, "USD")), RejectionReason.CURRENCY_MISMATCH);
        }

        @Test
        void duplicatePayment_isAlreadyAppliedWithItsVersion() {
            Debt once = applied(decide(OPEN, pay("c-pay", 1, 100, "EUR")));
            Debt twice = applied(decide(once, pay("c-pay-2", 2, 100, "EUR")));

            assertThat(decide(twice, pay("c-pay", 1, 100, "EUR"))).isEqualTo(new Decision.AlreadyApplied(2));
            assertThat(twice.paid()).isEqualTo(200);
        }

        @Test
        void lateCommand_doesNotMoveUpdatedAtBack() {
            Debt later = applied(decide(OPEN, pay("c-1", 60, 100, "EUR")));
            Debt earlier = applied(decide(later, pay("c-2", 30, 100, "EUR")));

            assertThat(earlier.updatedAt()).isEqualTo(T0.plusSeconds(3600));
        }
    }

    @Nested
    class Closing {

        @Test
        void settle_writesOffTheRemainder() {
            Debt part = applied(decide(OPEN, pay("c-1", 1, 3_000, "EUR")));
            Debt settled = applied(decide(part, settle("c-settle", 2)));

            assertThat(settled.status()).isEqualTo(DebtStatus.SETTLED);
            assertThat(settled.writtenOff()).isEqualTo(7_000);
            assertThat(settled.outstanding()).isZero();
            assertThat(settled.paid()).isEqualTo(3_000);
            assertThat(settled.settlementNote()).isEqualTo("even");
            assertThat(settled.version()).isEqualTo(3);
        }

        @Test
        void cancel_keepsTheNumbers() {
            Debt part = applied(decide(OPEN, pay("c-1", 1, 3_000, "EUR")));
            Debt cancelled = applied(decide(part, cancel("c-cancel", 2)));

            assertThat(cancelled.status()).isEqualTo(DebtStatus.CANCELLED);
            assertThat(cancelled.outstanding()).isEqualTo(7_000);
            assertThat(cancelled.paid()).isEqualTo(3_000);
            assertThat(cancelled.writtenOff()).isZero();
        }

        @Test
        void nothingChangesASettledDebt() {
            Debt settled = applied(decide(OPEN, settle("c-settle", 1)));

            assertEveryChangeIsNotOpen(settled);
        }

        @Test
        void nothingChangesACancelledDebt() {
            Debt cancelled = applied(decide(OPEN, cancel("c-cancel", 1)));

            assertEveryChangeIsNotOpen(cancelled);
        }

        @Test
        void nothingChangesAFullyPaidDebt() {
            Debt paid = applied(decide(OPEN, pay("c-pay", 1, 10_000, "EUR")));

            assertEveryChangeIsNotOpen(paid);
        }

        @Test
        void duplicateSettle_isAlreadyApplied_notNotOpen() {
            Debt settled = applied(decide(OPEN, settle("c-settle", 1)));

            assertThat(decide(settled, settle("c-settle", 1))).isEqualTo(new Decision.AlreadyApplied(2));
        }

        private void assertEveryChangeIsNotOpen(Debt closed) {
            assertRejected(decide(closed, pay("c-x1", 9, 1, "EUR")), RejectionReason.DEBT_NOT_OPEN);
            assertRejected(decide(closed, settle("c-x2", 9)), RejectionReason.DEBT_NOT_OPEN);
            assertRejected(decide(closed, cancel("c-x3", 9)), RejectionReason.DEBT_NOT_OPEN);
            assertRejected(
                    decide(
                            closed,
                            update(
                                    "c-x4",
                                    9,
                                    FieldUpdate.set("Zed"),
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged())),
                    RejectionReason.DEBT_NOT_OPEN);
        }
    }

    @Nested
    class Updates {

        @Test
        void setsAndClearsTheGivenFields_andKeepsTheRest() {
            Debt after = applied(decide(
                    OPEN,
                    update(
                            "c-up",
                            3,
                            FieldUpdate.set("Alice E."),
                            FieldUpdate.cleared(),
                            FieldUpdate.unchanged(),
                            FieldUpdate.cleared())));

            assertThat(after.counterparty()).isEqualTo(Counterparty.named("Alice E."));
            assertThat(after.description()).isEqualTo("Dinner");
            assertThat(after.dueDate()).isNull();
            assertThat(after.principal()).isEqualTo(OPEN.principal());
            assertThat(after.version()).isEqualTo(2);
        }

        @Test
        void setsDescriptionAndDueDate() {
            Debt after = applied(decide(
                    OPEN,
                    update(
                            "c-up",
                            3,
                            FieldUpdate.unchanged(),
                            FieldUpdate.unchanged(),
                            FieldUpdate.set("Lunch"),
                            FieldUpdate.set(LocalDate.of(2027, 3, 1)))));

            assertThat(after.description()).isEqualTo("Lunch");
            assertThat(after.dueDate()).isEqualTo(LocalDate.of(2027, 3, 1));
            assertThat(after.counterparty()).isEqualTo(OPEN.counterparty());
        }

        @Test
        void updateThatChangesNothing_isNothingToUpdate() {
            assertRejected(
                    decide(
                            OPEN,
                            update(
                                    "c-up",
                                    3,
                                    FieldUpdate.set("Alice"),
                                    FieldUpdate.set("alice@example.com"),
                                    FieldUpdate.set("Dinner"),
                                    FieldUpdate.set(LocalDate.of(2026, 12, 31)))),
                    RejectionReason.NOTHING_TO_UPDATE);
            assertRejected(
                    decide(
                            OPEN,
                            update(
                                    "c-up2",
                                    3,
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged())),
                    RejectionReason.NOTHING_TO_UPDATE);
        }

        @Test
        void clearingWhatIsAlreadyEmpty_isNothingToUpdate() {
            Debt bare = applied(decide(
                    OPEN,
                    update(
                            "c-1",
                            1,
                            FieldUpdate.unchanged(),
                            FieldUpdate.cleared(),
                            FieldUpdate.cleared(),
                            FieldUpdate.cleared())));

            assertRejected(
                    decide(
                            bare,
                            update(
                                    "c-2",
                                    2,
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.cleared(),
                                    FieldUpdate.cleared(),
                                    FieldUpdate.cleared())),
                    RejectionReason.NOTHING_TO_UPDATE);
        }
    }

    @Nested
    class Limits {

        @Test
        void debtAtTheCommandLimit_rejectsFurtherChanges() {
            Debt debt = OPEN;
            for (int i = 1; i < Debt.MAX_COMMANDS; i++) {
                debt = applied(decide(debt, pay("c-" + i, i, 1, "EUR")));
            }
            assertThat(debt.appliedCommands()).hasSize(Debt.MAX_COMMANDS);

            assertRejected(decide(debt, pay("c-last", 999, 1, "EUR")), RejectionReason.DEBT_CHANGE_LIMIT_REACHED);
            assertThat(decide(debt, pay("c-1", 1, 1, "EUR"))).isEqualTo(new Decision.AlreadyApplied(2));
        }

        @Test
        void hugePrincipal_isExactAndPaymentsNeverOverflow() {
            Debt huge = applied(decide(null, create("c-h", Long.MAX_VALUE, "EUR")));
            Debt paid = applied(decide(huge, pay("c-p", 1, Long.MAX_VALUE - 1, "EUR")));

            assertThat(paid.outstanding()).isEqualTo(1);
            assertRejected(decide(paid, pay("c-p2", 2, Long.MAX_VALUE, "EUR")), RejectionReason.OVERPAYMENT);
            assertThat(applied(decide(paid, pay("c-p3", 3, 1, "EUR"))).status()).isEqualTo(DebtStatus.SETTLED);
        }
    }

    @Test
    void commandsOfOneUserOnDifferentDebts_doNotInterfere() {
        CommandEnvelope second = envelope(
                "c-2",
                1,
                new CreateDebt(
                        "debt-2", Counterparty.named("Bob"), Direction.OWED_BY_ME, Money.of(500, "JPY"), null, null));

        Debt other = applied(decide(null, second));

        assertThat(other.debtId()).isEqualTo("debt-2");
        assertThat(other.direction()).isEqualTo(Direction.OWED_BY_ME);
        assertThat(other.currency()).isEqualTo("JPY");
    }
}
