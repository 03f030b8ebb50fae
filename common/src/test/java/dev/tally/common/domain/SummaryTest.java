package dev.tally.common.domain;

import static dev.tally.common.domain.TestCommands.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.events.DebtStatus;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.Direction;
import dev.tally.events.view.CounterpartyBalanceView;
import dev.tally.events.view.CurrencySummaryView;
import dev.tally.events.view.SummaryView;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static final LocalDate DUE = LocalDate.of(2026, 12, 1);

    private static Debt debt(
            String id,
            String name,
            Direction direction,
            String currency,
            long principal,
            long paid,
            DebtStatus status,
            LocalDate due) {
        List<Payment> payments = paid == 0 ? List.of() : List.of(new Payment(paid, T0, null, "p-" + id));
        long writtenOff = status == DebtStatus.SETTLED ? principal - paid : 0;
        return Debt.builder()
                .userId("u")
                .debtId(id)
                .counterparty(Counterparty.named(name))
                .direction(direction)
                .currency(currency)
                .principal(principal)
                .payments(payments)
                .status(status)
                .dueDate(due)
                .version(1)
                .createdAt(T0)
                .updatedAt(T0)
                .writtenOff(writtenOff)
                .appliedCommands(Map.of("c-" + id, 1L))
                .build();
    }

    @Test
    void contribution_ofOpenDebtOwedToMe() {
        Summary s =
                Summary.contribution(debt("d1", "Alice", Direction.OWED_TO_ME, "EUR", 1000, 300, DebtStatus.OPEN, DUE));

        assertThat(s.currencies()).containsOnlyKeys("EUR");
        CurrencyTotals eur = s.currencies().get("EUR");
        assertThat(eur.owedToMe()).isEqualTo(700);
        assertThat(eur.owedByMe()).isZero();
        assertThat(eur.openCount()).isEqualTo(1);
        assertThat(eur.openDueDates()).isEqualTo(Map.of(DUE, 1L));
        assertThat(eur.counterparties()).isEqualTo(Map.of("Alice", new CounterpartyTotals(700, 1)));
    }

    @Test
    void contribution_ofOpenDebtOwedByMe_isNegativeForTheCounterparty() {
        CurrencyTotals eur = Summary.contribution(
                        debt("d1", "Bob", Direction.OWED_BY_ME, "EUR", 1000, 0, DebtStatus.OPEN, null))
                .currencies()
                .get("EUR");

        assertThat(eur.owedByMe()).isEqualTo(1000);
        assertThat(eur.owedToMe()).isZero();
        assertThat(eur.openDueDates()).isEmpty();
        assertThat(eur.counterparties().get("Bob").balance()).isEqualTo(-1000);
    }

    @Test
    void contribution_ofClosedOrNoDebt_isEmpty() {
        assertThat(Summary.contribution(null)).isEqualTo(Summary.EMPTY);
        assertThat(Summary.contribution(debt("d", "A", Direction.OWED_TO_ME, "EUR", 10, 4, DebtStatus.SETTLED, DUE)))
                .isEqualTo(Summary.EMPTY);
        assertThat(Summary.contribution(debt("d", "A", Direction.OWED_TO_ME, "EUR", 10, 4, DebtStatus.CANCELLED, DUE)))
                .isEqualTo(Summary.EMPTY);
    }

    @Test
    void plusThenMinus_returnsToEqualValue_withZeroEntriesPruned() {
        Summary a =
                Summary.contribution(debt("d1", "Alice", Direction.OWED_TO_ME, "EUR", 1000, 0, DebtStatus.OPEN, DUE));
        Summary b = Summary.contribution(debt("d2", "Bob", Direction.OWED_BY_ME, "JPY", 500, 0, DebtStatus.OPEN, null));

        Summary back = a.plus(b).minus(b);

        assertThat(back).isEqualTo(a);
        assertThat(back.hashCode()).isEqualTo(a.hashCode());
        assertThat(a.minus(a)).isEqualTo(Summary.EMPTY);
        assertThat(a.minus(a).isEmpty()).isTrue();
    }

    @Test
    void counterpartyWithOpenDebtsNettingToZero_isKept() {
        Summary s = Summary.summaryOf(List.of(
                debt("d1", "Carol", Direction.OWED_TO_ME, "EUR", 500, 0, DebtStatus.OPEN, null),
                debt("d2", "Carol", Direction.OWED_BY_ME, "EUR", 500, 0, DebtStatus.OPEN, null)));

        assertThat(s.currencies().get("EUR").counterparties()).isEqualTo(Map.of("Carol", new CounterpartyTotals(0, 2)));
        assertThat(s.currencies().get("EUR").net()).isZero();
    }

    @Test
    void summaryOf_addsUpOpenDebtsOnly() {
        Summary s = Summary.summaryOf(List.of(
                debt("d1", "Alice", Direction.OWED_TO_ME, "EUR", 730, 0, DebtStatus.OPEN, LocalDate.of(2026, 11, 1)),
                debt("d2", "Bob", Direction.OWED_BY_ME, "EUR", 1230, 0, DebtStatus.OPEN, DUE),
                debt("d3", "Bob", Direction.OWED_TO_ME, "JPY", 1000, 0, DebtStatus.OPEN, null),
                debt("d4", "Dan", Direction.OWED_TO_ME, "EUR", 9999, 0, DebtStatus.CANCELLED, null),
                debt("d5", "Dan", Direction.OWED_TO_ME, "EUR", 9999, 100, DebtStatus.SETTLED, null)));

        SummaryView view = s.toView("user-0001", LocalDate.of(2026, 11, 27), T0);

        assertThat(view.userId()).isEqualTo("user-0001");
        assertThat(view.updatedAt()).isEqualTo(T0);
        assertThat(view.currencies())
                .isEqualTo(Map.of(
                        "EUR", new CurrencySummaryView("12.30", "7.30", "-5.00", 2, 1),
                        "JPY", new CurrencySummaryView("0", "1000", "1000", 1, 0)));
        assertThat(view.counterparties())
                .containsExactly(
                        new CounterpartyBalanceView("Alice", "EUR", "7.30"),
                        new CounterpartyBalanceView("Bob", "EUR", "-12.30"),
                        new CounterpartyBalanceView("Bob", "JPY", "1000"));
    }

    @Test
    void overdue_isDueBeforeToday_notToday() {
        CurrencyTotals eur = Summary.contribution(
                        debt("d1", "A", Direction.OWED_TO_ME, "EUR", 1, 0, DebtStatus.OPEN, DUE))
                .currencies()
                .get("EUR");

        assertThat(eur.overdueCount(DUE)).isZero();
        assertThat(eur.overdueCount(DUE.plusDays(1))).isEqualTo(1);
        assertThat(eur.overdueCount(DUE.minusDays(1))).isZero();
    }

    @Test
    void delta_isNewContributionMinusOld() {
        Debt before = debt("d1", "A", Direction.OWED_TO_ME, "EUR", 1000, 0, DebtStatus.OPEN, DUE);
        Debt after = debt("d1", "A", Direction.OWED_TO_ME, "EUR", 1000, 400, DebtStatus.OPEN, DUE);

        Summary delta = Summary.delta(before, after);

        assertThat(delta.currencies().get("EUR").owedToMe()).isEqualTo(-400);
        assertThat(delta.currencies().get("EUR").openCount()).isZero();
        assertThat(Summary.contribution(before).plus(delta)).isEqualTo(Summary.contribution(after));
        assertThat(Summary.delta(null, before)).isEqualTo(Summary.contribution(before));
    }

    @Test
    void arithmetic_overflows_loudly() {
        Summary max = Summary.contribution(
                debt("d1", "A", Direction.OWED_TO_ME, "EUR", Long.MAX_VALUE, 0, DebtStatus.OPEN, null));

        assertThatThrownBy(() -> max.plus(Summary.contribution(
                        debt("d2", "B", Direction.OWED_TO_ME, "EUR", 1, 0, DebtStatus.OPEN, null))))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void net_overflows_loudly() {
        CurrencyTotals totals = new CurrencyTotals(Long.MAX_VALUE, -2, 1, Map.of(), Map.of());

        assertThatThrownBy(totals::net).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void maps_areCopiedAndZerosDropped() {
        CurrencyTotals totals = new CurrencyTotals(0, 0, 0, Map.of(DUE, 0L), Map.of("A", CounterpartyTotals.ZERO));

        assertThat(totals.isZero()).isTrue();
        assertThat(new Summary(Map.of("EUR", totals))).isEqualTo(Summary.EMPTY);
    }

    @Test
    void summaryOf_manyDebtsOfTheMaximumAmount_staysExactAndViewable() {
        java.util.List<Debt> debts = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            debts.add(debt(
                    "d" + i,
                    "party " + (i % 500),
                    i % 2 == 0 ? Direction.OWED_TO_ME : Direction.OWED_BY_ME,
                    "EUR",
                    dev.tally.events.Money.MAX_MINOR_UNITS,
                    0,
                    DebtStatus.OPEN,
                    null));
        }

        Summary summary = Summary.summaryOf(debts);

        CurrencyTotals eur = summary.currencies().get("EUR");
        assertThat(eur.owedToMe()).isEqualTo(5_000 * dev.tally.events.Money.MAX_MINOR_UNITS);
        assertThat(eur.owedByMe()).isEqualTo(5_000 * dev.tally.events.Money.MAX_MINOR_UNITS);
        assertThat(summary.toView("u", DUE, null).currencies().get("EUR").owedToMe())
                .isEqualTo("5000000000000000.00");
        assertThat(Long.MAX_VALUE / dev.tally.events.Money.MAX_MINOR_UNITS)
                .as("maximal open debts that still fit")
                .isGreaterThan(90_000);
    }
}
