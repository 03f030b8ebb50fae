package dev.tally.common.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.DebtStatus;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.testkit.Coverage;
import dev.tally.testkit.PropertyCheck;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DebtDeciderProperties {

    private static final int TRIES = 1_000;

    @Test
    void everyDebt_keepsItsBalanceInvariants() {
        Coverage decisions = new Coverage();

        PropertyCheck.forAll(TRIES, DebtCommandGenerators.commandSequences(), commands -> {
            CommandReplay replay = new CommandReplay();
            for (CommandEnvelope command : commands) {
                CommandReplay.Step step = replay.apply(command);
                decisions.collect(
                        step.decision() instanceof Decision.Rejected r
                                ? r.reason().name()
                                : step.decision().getClass().getSimpleName());
                if (step.decision() instanceof Decision.Applied) {
                    assertBalanced(step.after());
                    long previous = step.before() == null ? 0 : step.before().version();
                    assertThat(step.after().version()).isEqualTo(previous + 1);
                    assertThat(step.after().appliedCommands())
                            .containsEntry(command.commandId(), step.after().version());
                    assertThat(step.after().appliedCommands())
                            .hasSize((int) step.after().version());
                } else {
                    assertThat(step.after()).isSameAs(step.before());
                }
                if (step.decision() instanceof Decision.Rejected rejected) {
                    assertThat(rejected.reason())
                            .as("the decider never produces STALE_VERSION")
                            .isNotEqualTo(dev.tally.events.command.RejectionReason.STALE_VERSION);
                }
            }
        });

        decisions.assertEachSeen(List.of(
                "Applied",
                "AlreadyApplied",
                "DEBT_ALREADY_EXISTS",
                "DEBT_NOT_FOUND",
                "DEBT_NOT_OPEN",
                "CURRENCY_MISMATCH",
                "OVERPAYMENT",
                "NOTHING_TO_UPDATE"));
    }

    @Test
    void replayingEveryAppliedCommand_changesNothing() {
        PropertyCheck.forAll(TRIES, DebtCommandGenerators.commandSequences(), commands -> {
            CommandReplay replay = CommandReplay.of(commands);
            Map<String, Debt> before = replay.debts();
            Map<String, Long> appliedVersions = replay.steps().stream()
                    .filter(s -> s.decision() instanceof Decision.Applied)
                    .collect(Collectors.toMap(
                            s -> s.command().commandId(), s -> s.after().version()));

            for (CommandEnvelope command : commands) {
                if (appliedVersions.containsKey(command.commandId())) {
                    assertThat(replay.apply(command).decision())
                            .isEqualTo(new Decision.AlreadyApplied(appliedVersions.get(command.commandId())));
                }
            }
            assertThat(replay.debts()).isEqualTo(before);
        });
    }

    @Test
    void hugeAmounts_neverWrapInTheDecider() {
        PropertyCheck.forAll(TRIES, DebtCommandGenerators.hugeAmountSequences(), commands -> {
            Map<String, Debt> debts = new java.util.HashMap<>();
            for (CommandEnvelope command : commands) {
                Debt before = debts.get(command.debtId());
                Decision decision = DebtDecider.decide(before, command);
                if (decision instanceof Decision.Applied applied) {
                    assertBalanced(applied.debt());
                    debts.put(command.debtId(), applied.debt());
                }
            }
        });
    }

    private static void assertBalanced(Debt debt) {
        long paid = debt.payments().stream().mapToLong(Payment::amount).reduce(0, Math::addExact);
        assertThat(debt.paid()).isEqualTo(paid);
        assertThat(debt.outstanding()).isBetween(0L, debt.principal());
        switch (debt.status()) {
            case OPEN -> {
                assertThat(debt.outstanding())
                        .isEqualTo(debt.principal() - paid)
                        .isPositive();
                assertThat(debt.writtenOff()).isZero();
            }
            case SETTLED -> {
                assertThat(debt.outstanding()).isZero();
                assertThat(Math.addExact(paid, debt.writtenOff())).isEqualTo(debt.principal());
            }
            case CANCELLED -> assertThat(debt.outstanding()).isEqualTo(debt.principal() - paid);
            default -> throw new AssertionError(debt.status());
        }
        assertThat(debt.status()).isIn((Object[]) DebtStatus.values());
    }
}
