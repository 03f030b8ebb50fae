package dev.tally.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.testkit.PropertyCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever SQS does within one message group (duplicates, a fault before the debt write, a crash
 * between the debt write and the status write, late replays of old commands), the end state is that
 * of applying each distinct command once, in send order.
 */
class CommandApplierProperties {

    enum Fault {
        NONE,
        BEFORE_DEBT_WRITE,
        BEFORE_STATUS_WRITE
    }

    record Delivery(int command, Fault fault) {}

    record Scenario(List<CommandEnvelope> commands, List<Delivery> deliveries) {}

    @Test
    void anyDeliverySchedule_hasTheEffectOfEachCommandOnceInOrder() {
        PropertyCheck.forAll(300, source -> scenario(source.random()), CommandApplierProperties::checkSchedule);
    }

    private static void checkSchedule(Scenario scenario) {
        InMemoryStores stores = new InMemoryStores();
        CommandApplier applier = new CommandApplier(stores.debtStore(), stores.statusStore());

        for (Delivery delivery : scenario.deliveries()) {
            stores.failNextDebtWrite = delivery.fault() == Fault.BEFORE_DEBT_WRITE;
            stores.failNextStatusWrite = delivery.fault() == Fault.BEFORE_STATUS_WRITE;
            try {
                applier.apply(scenario.commands().get(delivery.command()));
            } catch (InMemoryStores.InjectedFault retried) {
                // SQS redelivers it: the schedule has a later delivery of the same command
            }
            stores.failNextDebtWrite = false;
            stores.failNextStatusWrite = false;
        }

        Debt expectedDebt = null;
        Map<String, CommandStatus> expectedStatuses = new LinkedHashMap<>();
        for (CommandEnvelope command : scenario.commands()) {
            Decision decision = DebtDecider.decide(expectedDebt, command);
            if (decision instanceof Decision.Applied applied) {
                expectedDebt = applied.debt();
                expectedStatuses.put(
                        command.commandId(),
                        CommandStatus.applied(
                                command.commandId(), command.type(), command.debtId(), expectedDebt.version()));
            } else {
                expectedStatuses.put(
                        command.commandId(),
                        CommandStatus.rejected(
                                command.commandId(),
                                command.type(),
                                command.debtId(),
                                ((Decision.Rejected) decision).reason()));
            }
        }
        CommandEnvelope first = scenario.commands().get(0);
        assertThat(stores.debt(first.userId(), first.debtId())).isEqualTo(Optional.ofNullable(expectedDebt));
        expectedStatuses.forEach((commandId, expected) -> assertThat(stores.status(first.userId(), commandId))
                .as(commandId)
                .contains(expected));
    }

    private static Scenario scenario(Random random) {
        Commands user = new Commands("user-1", "debt-1");
        List<CommandEnvelope> commands = new ArrayList<>();
        commands.add(user.create("create", 1_000 + random.nextInt(50_000)));
        int payments = random.nextInt(6);
        for (int i = 0; i < payments; i++) {
            commands.add(user.payment("pay-" + i, 1 + random.nextInt(20_000)));
        }
        if (random.nextBoolean()) {
            commands.add(user.settle("settle"));
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            int failedFirst = random.nextInt(3);
            for (int f = 0; f < failedFirst; f++) {
                deliveries.add(
                        new Delivery(i, random.nextBoolean() ? Fault.BEFORE_DEBT_WRITE : Fault.BEFORE_STATUS_WRITE));
            }
            int copies = 1 + random.nextInt(2);
            for (int c = 0; c < copies; c++) {
                deliveries.add(new Delivery(i, Fault.NONE));
            }
        }
        int lateReplays = random.nextInt(3);
        for (int r = 0; r < lateReplays; r++) {
            deliveries.add(new Delivery(random.nextInt(commands.size()), Fault.NONE));
        }
        return new Scenario(List.copyOf(commands), List.copyOf(deliveries));
    }
}
