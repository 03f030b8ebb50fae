package dev.tally.commands;

import dev.tally.commands.store.CommandStatusStore;
import dev.tally.commands.store.DebtStore;
import dev.tally.common.domain.Debt;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Decorates the real DynamoDB stores to inject faults at chosen commands, and records the order in
 * which commands actually changed debts.
 */
public final class FaultInjector {

    /** A simulated crash of the whole invocation (an {@link Error}: nothing in the worker catches it). */
    public static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    private final Map<String, Integer> debtWriteFaults = new ConcurrentHashMap<>();
    private final Map<String, Integer> crashesAfterDebtWrite = new ConcurrentHashMap<>();
    private final List<String> debtChanges = Collections.synchronizedList(new ArrayList<>());

    /** The next {@code times} writes of the debt produced by {@code commandId} throw a throttling error. */
    public void throttleDebtWriteOf(String commandId, int times) {
        debtWriteFaults.put(commandId, times);
    }

    /** The next {@code times} attempts to record {@code commandId} as applied crash the invocation. */
    public void crashBeforeStatusWriteOf(String commandId, int times) {
        crashesAfterDebtWrite.put(commandId, times);
    }

    /** The command ids whose debt write succeeded, in the order they succeeded. */
    public List<String> debtChanges() {
        return List.copyOf(debtChanges);
    }

    public DebtStore debts(DebtStore real) {
        return new DebtStore() {
            @Override
            public Optional<Debt> find(String userId, String debtId) {
                return real.find(userId, debtId);
            }

            @Override
            public boolean save(Debt debt) {
                String producedBy = producer(debt);
                if (consume(debtWriteFaults, producedBy)) {
                    throw ProvisionedThroughputExceededException.builder()
                            .message("injected: throughput exceeded writing the debt of " + producedBy)
                            .build();
                }
                boolean written = real.save(debt);
                if (written) {
                    debtChanges.add(producedBy);
                }
                return written;
            }
        };
    }

    public CommandStatusStore statuses(CommandStatusStore real) {
        return new CommandStatusStore() {
            @Override
            public Optional<CommandStatus.Status> findStatus(String userId, String commandId) {
                return real.findStatus(userId, commandId);
            }

            @Override
            public boolean recordApplied(CommandEnvelope command, long debtVersion) {
                if (consume(crashesAfterDebtWrite, command.commandId())) {
                    throw new SimulatedCrash(
                            "after the debt write of " + command.commandId() + ", before its status write");
                }
                return real.recordApplied(command, debtVersion);
            }

            @Override
            public boolean recordRejected(CommandEnvelope command, RejectionReason reason) {
                return real.recordRejected(command, reason);
            }
        };
    }

    private static String producer(Debt debt) {
        return debt.appliedCommands().entrySet().stream()
                .filter(entry -> entry.getValue() == debt.version())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private static boolean consume(Map<String, Integer> faults, String commandId) {
        Integer left = faults.get(commandId);
        if (left == null || left == 0) {
            return false;
        }
        faults.put(commandId, left - 1);
        return true;
    }
}
