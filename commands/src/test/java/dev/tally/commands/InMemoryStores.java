package dev.tally.commands;

import dev.tally.commands.store.CommandStatusStore;
import dev.tally.commands.store.DebtStore;
import dev.tally.common.domain.Debt;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory stores with the same conditions as the DynamoDB adapters (version-conditioned debt write,
 * outcome recorded once), and switches to make the next write fail as an infrastructure fault would.
 */
final class InMemoryStores {

    /** An injected infrastructure fault. */
    static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String where) {
            super("injected fault " + where);
        }
    }

    private final Map<String, Debt> debts = new HashMap<>();
    private final Map<String, CommandStatus> statuses = new HashMap<>();
    boolean failNextDebtWrite;
    boolean failNextStatusWrite;

    Optional<Debt> debt(String userId, String debtId) {
        return Optional.ofNullable(debts.get(userId + "/" + debtId));
    }

    Optional<CommandStatus> status(String userId, String commandId) {
        return Optional.ofNullable(statuses.get(userId + "/" + commandId));
    }

    DebtStore debtStore() {
        return new DebtStore() {
            @Override
            public Optional<Debt> find(String userId, String debtId) {
                return debt(userId, debtId);
            }

            @Override
            public boolean save(Debt debt) {
                if (failNextDebtWrite) {
                    failNextDebtWrite = false;
                    throw new InjectedFault("before the debt write");
                }
                Debt current = debts.get(debt.userId() + "/" + debt.debtId());
                boolean expected = debt.version() == 1
                        ? current == null
                        : current != null && current.version() == debt.version() - 1;
                if (expected) {
                    debts.put(debt.userId() + "/" + debt.debtId(), debt);
                }
                return expected;
            }
        };
    }

    CommandStatusStore statusStore() {
        return new CommandStatusStore() {
            @Override
            public Optional<CommandStatus.Status> findStatus(String userId, String commandId) {
                return status(userId, commandId).map(CommandStatus::status);
            }

            @Override
            public boolean recordApplied(CommandEnvelope command, long debtVersion) {
                return record(
                        command,
                        CommandStatus.applied(command.commandId(), command.type(), command.debtId(), debtVersion));
            }

            @Override
            public boolean recordRejected(CommandEnvelope command, RejectionReason reason) {
                return record(
                        command, CommandStatus.rejected(command.commandId(), command.type(), command.debtId(), reason));
            }

            private boolean record(CommandEnvelope command, CommandStatus outcome) {
                if (failNextStatusWrite) {
                    failNextStatusWrite = false;
                    throw new InjectedFault("after the debt write, before the status write");
                }
                String key = command.userId() + "/" + command.commandId();
                CommandStatus current = statuses.get(key);
                if (current != null && current.status() != CommandStatus.Status.ACCEPTED) {
                    return false;
                }
                statuses.put(key, outcome);
                return true;
            }
        };
    }
}
