package dev.tally.commands.store;

import dev.tally.common.domain.Debt;
import dev.tally.common.store.TransactionItems;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.RejectionReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link BatchUnits} on the {@code debts} and {@code commands} tables: one {@code TransactGetItems}
 * reads a batch's statuses and debts, one {@code TransactWriteItems} writes its debts (each once, on
 * the version read) and outcomes (on the same "no outcome yet" condition as
 * {@link DynamoDbCommandStatusStore}). Two round trips per batch instead of four per command
 * (ADR 0117). IAM authorises the items of a transaction as {@code GetItem}, {@code PutItem} and
 * {@code UpdateItem}: the worker's policy is unchanged.
 */
public final class DynamoDbBatchUnits implements BatchUnits {

    /** Most items in one DynamoDB transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamoDb;
    private final DynamoDbDebtStore debts;
    private final DynamoDbCommandStatusStore statuses;

    /** Units on the tables of these two adapters, through {@code dynamoDb}. */
    public DynamoDbBatchUnits(DynamoDbClient dynamoDb, DynamoDbDebtStore debts, DynamoDbCommandStatusStore statuses) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.debts = Objects.requireNonNull(debts, "debts");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
    }

    @Override
    public BatchUnit begin(List<CommandEnvelope> commands) {
        List<Key> statusKeys = new ArrayList<>();
        List<Key> debtKeys = new ArrayList<>();
        List<TransactGetItem> gets = new ArrayList<>();
        for (CommandEnvelope command : commands) {
            Key status = new Key(command.userId(), command.commandId());
            if (!statusKeys.contains(status)) {
                statusKeys.add(status);
                gets.add(TransactGetItem.builder()
                        .get(statuses.statusGet(status.userId(), status.id()))
                        .build());
            }
        }
        for (CommandEnvelope command : commands) {
            Key debt = new Key(command.userId(), command.debtId());
            if (!debtKeys.contains(debt)) {
                debtKeys.add(debt);
                gets.add(TransactGetItem.builder()
                        .get(debts.get(debt.userId(), debt.id()))
                        .build());
            }
        }
        if (gets.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException(
                    "a batch naming " + gets.size() + " items cannot be read in one transaction");
        }
        List<ItemResponse> read = dynamoDb.transactGetItems(request -> request.transactItems(gets))
                .responses();
        Map<Key, Optional<CommandStatus.Status>> readStatuses = new HashMap<>();
        Map<Key, Optional<Debt>> readDebts = new HashMap<>();
        for (int i = 0; i < statusKeys.size(); i++) {
            readStatuses.put(
                    statusKeys.get(i),
                    DynamoDbCommandStatusStore.status(read.get(i).item()));
        }
        for (int i = 0; i < debtKeys.size(); i++) {
            readDebts.put(
                    debtKeys.get(i),
                    DynamoDbDebtStore.debt(read.get(statusKeys.size() + i).item()));
        }
        return new Unit(readStatuses, readDebts);
    }

    /** A debt or command key: the user and the debt id or command id. */
    private record Key(String userId, String id) {}

    /** An outcome kept until the commit: the status it records and its conditional update. */
    private record Outcome(CommandStatus.Status status, UpdateItemRequest request) {}

    private final class Unit implements BatchUnit {

        private final Map<Key, Optional<CommandStatus.Status>> readStatuses;
        private final Map<Key, Optional<Debt>> readDebts;
        private final Map<Key, Debt> savedDebts = new LinkedHashMap<>();
        private final Map<Key, Outcome> outcomes = new LinkedHashMap<>();

        Unit(Map<Key, Optional<CommandStatus.Status>> readStatuses, Map<Key, Optional<Debt>> readDebts) {
            this.readStatuses = readStatuses;
            this.readDebts = readDebts;
        }

        @Override
        public Optional<Debt> find(String userId, String debtId) {
            Key key = new Key(userId, debtId);
            Debt saved = savedDebts.get(key);
            return saved != null ? Optional.of(saved) : read(readDebts, key, "debt");
        }

        @Override
        public boolean save(Debt debt) {
            long current = find(debt.userId(), debt.debtId()).map(Debt::version).orElse(0L);
            if (debt.version() - 1 != current) {
                return false;
            }
            savedDebts.put(new Key(debt.userId(), debt.debtId()), debt);
            return true;
        }

        @Override
        public Optional<CommandStatus.Status> findStatus(String userId, String commandId) {
            Key key = new Key(userId, commandId);
            Outcome outcome = outcomes.get(key);
            return outcome != null ? Optional.of(outcome.status()) : read(readStatuses, key, "command");
        }

        @Override
        public boolean recordApplied(CommandEnvelope command, long debtVersion) {
            return record(command, CommandStatus.Status.APPLIED, statuses.appliedRequest(command, debtVersion));
        }

        @Override
        public boolean recordRejected(CommandEnvelope command, RejectionReason reason) {
            return record(command, CommandStatus.Status.REJECTED, statuses.rejectedRequest(command, reason));
        }

        private boolean record(CommandEnvelope command, CommandStatus.Status status, UpdateItemRequest request) {
            Optional<CommandStatus.Status> recorded = findStatus(command.userId(), command.commandId());
            if (recorded.isPresent() && recorded.get() != CommandStatus.Status.ACCEPTED) {
                return false;
            }
            outcomes.put(new Key(command.userId(), command.commandId()), new Outcome(status, request));
            return true;
        }

        @Override
        public void commit() {
            List<TransactWriteItem> writes = new ArrayList<>();
            for (Map.Entry<Key, Debt> saved : savedDebts.entrySet()) {
                long readVersion =
                        readDebts.get(saved.getKey()).map(Debt::version).orElse(0L);
                writes.add(TransactionItems.put(debts.putRequest(saved.getValue(), readVersion)));
            }
            for (Outcome outcome : outcomes.values()) {
                writes.add(TransactionItems.update(outcome.request()));
            }
            if (writes.isEmpty()) {
                return;
            }
            if (writes.size() > MAX_TRANSACTION_ITEMS) {
                throw new IllegalStateException(
                        "a batch writing " + writes.size() + " items cannot be written in one transaction");
            }
            dynamoDb.transactWriteItems(request -> request.transactItems(writes));
        }

        private static <T> Optional<T> read(Map<Key, Optional<T>> read, Key key, String what) {
            Optional<T> value = read.get(key);
            if (value == null) {
                throw new IllegalStateException("the " + what + " " + key + " was not read at the start of the batch");
            }
            return value;
        }
    }
}
