package dev.tally.common.store;

import static dev.tally.common.domain.TestCommands.applied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.TestCommands;
import dev.tally.events.command.CommandEnvelope;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DebtItemTest {

    @Test
    void toItem_whenADebtHasPaymentsAndIsSettled_roundTripsToAnEqualDebt() {
        Debt debt = after(
                TestCommands.create("cmd-1", 10_000, "EUR"),
                TestCommands.pay("cmd-2", 1, 2_500, "EUR"),
                TestCommands.settle("cmd-3", 2));

        Debt read = DebtItem.fromItem(DebtItem.toItem(debt));

        assertThat(read).isEqualTo(debt);
    }

    @Test
    void toItem_whenCalled_writesAmountsAsNumbersInMinorUnitsAndTheAppliedCommandsAsAMap() {
        Debt debt = after(TestCommands.create("cmd-1", 10_000, "EUR"), TestCommands.pay("cmd-2", 1, 2_500, "EUR"));

        Map<String, AttributeValue> item = DebtItem.toItem(debt);

        assertThat(item.get("userId").s()).isEqualTo(TestCommands.USER);
        assertThat(item.get("debtId").s()).isEqualTo(TestCommands.DEBT);
        assertThat(item.get("principal").n()).isEqualTo("10000");
        assertThat(item.get("outstanding").n()).isEqualTo("7500");
        assertThat(item.get("version").n()).isEqualTo("2");
        assertThat(item.get("status").s()).isEqualTo("OPEN");
        assertThat(item.get("dueDate").s()).isEqualTo("2026-12-31");
        assertThat(item.get("appliedCommands").m()).containsOnlyKeys("cmd-1", "cmd-2");
        assertThat(item.get("payments").l()).hasSize(1);
        assertThat(item.get("payments").l().get(0).m().get("amount").n()).isEqualTo("2500");
        assertThat(item).doesNotContainKey("settlementNote");
    }

    @Test
    void fromItem_whenAnAttributeIsMissing_failsNamingItAndTheDebt() {
        Map<String, AttributeValue> item =
                new HashMap<>(DebtItem.toItem(after(TestCommands.create("cmd-1", 10_000, "EUR"))));
        item.remove("version");

        assertThatThrownBy(() -> DebtItem.fromItem(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TestCommands.DEBT)
                .hasMessageContaining("version");
    }

    private static Debt after(CommandEnvelope... commands) {
        Debt debt = null;
        for (CommandEnvelope command : commands) {
            debt = applied(DebtDecider.decide(debt, command));
        }
        return debt;
    }
}
