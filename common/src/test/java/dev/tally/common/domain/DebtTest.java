package dev.tally.common.domain;

import static dev.tally.common.domain.TestCommands.T0;
import static dev.tally.common.domain.TestCommands.applied;
import static dev.tally.common.domain.TestCommands.create;
import static dev.tally.common.domain.TestCommands.pay;
import static dev.tally.common.domain.TestCommands.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.events.DebtStatus;
import dev.tally.events.DecimalMoney;
import dev.tally.events.Money;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.Direction;
import dev.tally.events.view.DebtView;
import dev.tally.events.view.PaymentView;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebtTest {

    private static Debt debt(long principal, List<Payment> payments, DebtStatus status, long writtenOff) {
        return open(principal)
                .payments(payments)
                .status(status)
                .writtenOff(writtenOff)
                .build();
    }

    /** An OPEN debt of {@code principal} EUR cents at version 1, created by command "c". */
    private static Debt.Builder open(long principal) {
        return Debt.builder()
                .userId("u")
                .debtId("d")
                .counterparty(Counterparty.named("A"))
                .direction(Direction.OWED_TO_ME)
                .currency("EUR")
                .principal(principal)
                .status(DebtStatus.OPEN)
                .version(1)
                .createdAt(T0)
                .updatedAt(T0)
                .appliedCommands(Map.of("c", 1L));
    }

    private static Payment payment(long amount) {
        return new Payment(amount, T0, null, "p" + amount);
    }

    @Test
    void constructor_refusesNonPositivePrincipal() {
        assertThatThrownBy(() -> debt(0, List.of(), DebtStatus.OPEN, 0)).hasMessageContaining("principal");
    }

    @Test
    void constructor_refusesPaymentsAbovePrincipal() {
        assertThatThrownBy(() -> debt(100, List.of(payment(60), payment(41)), DebtStatus.CANCELLED, 0))
                .hasMessageContaining("exceed");
    }

    @Test
    void constructor_refusesPaymentSumOverflow_insteadOfWrapping() {
        assertThatThrownBy(() -> debt(
                        Long.MAX_VALUE,
                        List.of(payment(Long.MAX_VALUE), payment(Long.MAX_VALUE)),
                        DebtStatus.CANCELLED,
                        0))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void constructor_refusesOpenDebtWithNothingOutstanding() {
        assertThatThrownBy(() -> debt(100, List.of(payment(100)), DebtStatus.OPEN, 0))
                .hasMessageContaining("OPEN");
    }

    @Test
    void constructor_refusesSettledDebtNotClosedInFull() {
        assertThatThrownBy(() -> debt(100, List.of(payment(50)), DebtStatus.SETTLED, 10))
                .hasMessageContaining("SETTLED");
    }

    @Test
    void constructor_refusesWriteOffUnlessSettled() {
        assertThatThrownBy(() -> debt(100, List.of(), DebtStatus.OPEN, 10)).hasMessageContaining("written off");
        assertThatThrownBy(() -> debt(100, List.of(), DebtStatus.CANCELLED, 10)).hasMessageContaining("written off");
        assertThatThrownBy(() -> debt(100, List.of(), DebtStatus.SETTLED, -1)).hasMessageContaining("negative");
    }

    @Test
    void constructor_refusesBadVersionsAndTimes() {
        assertThatThrownBy(() -> open(1).version(0).appliedCommands(Map.of()).build())
                .hasMessageContaining("version");
        assertThatThrownBy(() -> open(1).updatedAt(T0.minusSeconds(1)).build()).hasMessageContaining("updatedAt");
        assertThatThrownBy(() -> open(1).appliedCommands(Map.of("c", 2L)).build())
                .hasMessageContaining("version");
        assertThatThrownBy(() -> open(1).currency("XXX").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilder_whenBuiltUnchanged_equalsTheDebtAndAChangedFieldChangesOnlyThatField() {
        Debt debt = debt(100, List.of(payment(30)), DebtStatus.OPEN, 0);

        assertThat(debt.toBuilder().build()).isEqualTo(debt);
        Debt described = debt.toBuilder().description("Lunch").build();
        assertThat(described.description()).isEqualTo("Lunch");
        assertThat(described.toBuilder().description(null).build()).isEqualTo(debt);
    }

    @Test
    void collections_areCopied() {
        Map<String, Long> applied = new HashMap<>(Map.of("c", 1L));
        Debt debt = open(1).appliedCommands(applied).build();
        applied.put("other", 1L);

        assertThat(debt.appliedCommands()).containsOnlyKeys("c");
    }

    @Test
    void outstanding_perStatus() {
        assertThat(debt(100, List.of(payment(30)), DebtStatus.OPEN, 0).outstanding())
                .isEqualTo(70);
        assertThat(debt(100, List.of(payment(30)), DebtStatus.SETTLED, 70).outstanding())
                .isZero();
        assertThat(debt(100, List.of(payment(30)), DebtStatus.CANCELLED, 0).outstanding())
                .isEqualTo(70);
    }

    @Test
    void toView_showsEveryAmountInTheCurrencysFormat() {
        Debt debt = applied(DebtDecider.decide(null, create("c-1", 1234, "EUR")));
        debt = applied(DebtDecider.decide(debt, pay("c-2", 1, 500, "EUR")));
        Debt settled = applied(DebtDecider.decide(debt, settle("c-3", 2)));

        DebtView view = settled.toView();

        assertThat(view.principal()).isEqualTo(Money.of(1234, "EUR"));
        assertThat(view.paid()).isEqualTo(new DecimalMoney("5.00", "EUR"));
        assertThat(view.outstanding()).isEqualTo(new DecimalMoney("0.00", "EUR"));
        assertThat(view.writtenOff()).isEqualTo(new DecimalMoney("7.34", "EUR"));
        assertThat(view.status()).isEqualTo(DebtStatus.SETTLED);
        assertThat(view.version()).isEqualTo(3);
        assertThat(view.settlementNote()).isEqualTo("even");
        assertThat(view.payments())
                .containsExactly(new PaymentView(
                        Money.of(500, "EUR"), Instant.parse("2026-11-27T10:01:00Z"), "note c-2", "c-2"));
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(view.counterparty().name()).isEqualTo("Alice");
    }
}
