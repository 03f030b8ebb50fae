package dev.tally.common.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Direction;
import dev.tally.testkit.Coverage;
import dev.tally.testkit.PropertyCheck;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryProperties {

    private static final int TRIES = 1_000;

    @Test
    void foldingDeltas_equalsSummaryOfTheFinalDebts() {
        PropertyCheck.forAll(TRIES, DebtCommandGenerators.commandSequences(), commands -> {
            CommandReplay replay = new CommandReplay();
            for (CommandEnvelope command : commands) {
                replay.apply(command);
                assertThat(replay.foldedSummary())
                        .isEqualTo(Summary.summaryOf(replay.debts().values()));
            }
        });
    }

    @Test
    void summaryView_netIsOwedToMeMinusOwedByMe() {
        PropertyCheck.forAll(TRIES, DebtCommandGenerators.commandSequences(), commands -> {
            Summary summary = CommandReplay.of(commands).foldedSummary();

            summary.currencies().forEach((currency, totals) -> {
                assertThat(totals.owedByMe()).isNotNegative();
                assertThat(totals.owedToMe()).isNotNegative();
                long counterpartySum = totals.counterparties().values().stream()
                        .mapToLong(CounterpartyTotals::balance)
                        .sum();
                assertThat(counterpartySum).isEqualTo(totals.net());
                assertThat(totals.openDueDates().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .isLessThanOrEqualTo(totals.openCount());
            });
        });
    }

    @Test
    void hugeAmounts_eitherExactOrArithmeticException_neverWrapped() {
        Coverage outcomes = new Coverage();

        PropertyCheck.forAll(
                TRIES,
                DebtCommandGenerators.hugeAmountSequences(),
                commands -> outcomes.collect(exactOrReportedOverflow(commands)));

        outcomes.assertEachSeen(List.of("overflow reported", "exact to the end"));
    }

    private static String exactOrReportedOverflow(List<CommandEnvelope> commands) {
        CommandReplay replay = new CommandReplay();
        for (CommandEnvelope command : commands) {
            try {
                replay.apply(command);
            } catch (ArithmeticException overflow) {
                assertThat(exactTotals(replay.debts().values()).values())
                        .as("an overflow is reported only when an exact total leaves the long range")
                        .anySatisfy(pair -> assertThat(fitsInLong(pair[0]) && fitsInLong(pair[1]))
                                .isFalse());
                return "overflow reported";
            }
            Map<String, BigInteger[]> exact = exactTotals(replay.debts().values());
            Summary folded = replay.foldedSummary();
            exact.forEach((currency, totals) -> {
                CurrencyTotals actual = folded.currencies().get(currency);
                assertThat(BigInteger.valueOf(actual.owedByMe())).isEqualTo(totals[0]);
                assertThat(BigInteger.valueOf(actual.owedToMe())).isEqualTo(totals[1]);
            });
        }
        return "exact to the end";
    }

    private static boolean fitsInLong(BigInteger value) {
        return value.bitLength() < Long.SIZE;
    }

    /** Per currency, the exact (unbounded) owedByMe and owedToMe of the open debts. */
    private static Map<String, BigInteger[]> exactTotals(java.util.Collection<Debt> debts) {
        Map<String, BigInteger[]> totals = new HashMap<>();
        for (Debt debt : debts) {
            if (!debt.isOpen()) {
                continue;
            }
            BigInteger[] pair =
                    totals.computeIfAbsent(debt.currency(), c -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
            int side = debt.direction() == Direction.OWED_BY_ME ? 0 : 1;
            pair[side] = pair[side].add(BigInteger.valueOf(debt.outstanding()));
        }
        return totals;
    }
}
