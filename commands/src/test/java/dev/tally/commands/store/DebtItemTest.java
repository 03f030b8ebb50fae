package dev.tally.commands.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.commands.Commands;
import dev.tally.common.domain.Debt;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DebtItemTest {

    private static final Commands COMMANDS = new Commands("user-a", "debt-1");

    @Test
    void toItem_whenADebtHasPaymentsAndIsSettled_roundTripsToAnEqualDebt() {
        Debt debt = COMMANDS.after(COMMANDS.create("cmd-1", 10_000), COMMANDS.payment("cmd-2", 2_500), COMMANDS.settle("cmd-3"));

        Debt read = DebtItem.fromItem(DebtItem.toItem(debt));

        assertThat(read).isEqualTo(debt);
    }

    @Test
    void toItem_whenCalled_writesAmountsAsNumbersInMinorUnitsAndTheAppliedCommandsAsAMap() {
        Debt debt = COMMANDS.after(COMMANDS.create("cmd-1", 10_000), COMMANDS.payment("cmd-2", 2_500));

        Map<String, AttributeValue> item = DebtItem.toItem(debt);

        assertThat(item.get("userId").s()).isEqualTo("user-a");
        assertThat(item.get("debtId").s()).isEqualTo("debt-1");
        assertThat(item.get("principal").n()).isEqualTo("10000");
        assertThat(item.get("outstanding").n()).isEqualTo("7500");
        assertThat(item.get("version").n()).isEqualTo("2");
        assertThat(item.get("status").s()).isEqualTo("OPEN");
        assertThat(item.get("appliedCommands").m()).containsOnlyKeys("cmd-1", "cmd-2");
        assertThat(item.get("appliedCommands").m().get("cmd-2").n()).isEqualTo("2");
        assertThat(item.get("payments").l()).hasSize(1);
        assertThat(item.get("payments").l().get(0).m().get("amount").n()).isEqualTo("2500");
        assertThat(item).doesNotContainKey("dueDate").doesNotContainKey("settlementNote");
    }

    @Test
    void fromItem_whenAnAttributeIsMissing_failsNamingItAndTheDebt() {
        Map<String, AttributeValue> item = new HashMap<>(DebtItem.toItem(COMMANDS.after(COMMANDS.create("cmd-1", 10_000))));
        item.remove("version");

        assertThatThrownBy(() -> DebtItem.fromItem(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("debt-1")
                .hasMessageContaining("version");
    }
}
