package dev.tally.common.store;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.Payment;
import dev.tally.events.DebtStatus;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code debts} table's item for a {@link Debt}: the ONE mapping of the debt item layout, used by the
 * worker (writes), the projection (stream images) and the query routes and rebuild (reads). See
 * {@code docs/adr/0062-debt-and-command-status-items.md} and {@code docs/adr/0071-shared-item-mappings.md}.
 *
 * <p>Key {@code userId} (S) + {@code debtId} (S). Amounts are N in minor units of {@code currency};
 * {@code outstanding} and {@code paid} are written for readers (queries, the projection) and
 * recomputed from the payments when read. Instants are ISO-8601 S, dates {@code yyyy-MM-dd} S.
 * Optional fields are absent, never NULL. {@code appliedCommands} is a map commandId → N version.
 */
public final class DebtItem {

    private DebtItem() {}

    /** The item of {@code debt}. */
    public static Map<String, AttributeValue> toItem(Debt debt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", s(debt.userId()));
        item.put("debtId", s(debt.debtId()));
        item.put("counterparty", counterparty(debt.counterparty()));
        item.put("direction", s(debt.direction().name()));
        item.put("currency", s(debt.currency()));
        item.put("principal", n(debt.principal()));
        item.put("paid", n(debt.paid()));
        item.put("outstanding", n(debt.outstanding()));
        item.put("writtenOff", n(debt.writtenOff()));
        item.put(
                "payments",
                AttributeValue.fromL(
                        debt.payments().stream().map(DebtItem::payment).toList()));
        item.put("status", s(debt.status().name()));
        putIfPresent(
                item, "dueDate", debt.dueDate() == null ? null : debt.dueDate().toString());
        putIfPresent(item, "description", debt.description());
        putIfPresent(item, "settlementNote", debt.settlementNote());
        item.put("version", n(debt.version()));
        item.put("createdAt", s(debt.createdAt().toString()));
        item.put("updatedAt", s(debt.updatedAt().toString()));
        Map<String, AttributeValue> applied = new HashMap<>();
        debt.appliedCommands().forEach((commandId, version) -> applied.put(commandId, n(version)));
        item.put("appliedCommands", AttributeValue.fromM(applied));
        return item;
    }

    /**
     * True if {@code debt}'s item fits DynamoDB's 400 KB item limit ({@link ItemSize}). A debt whose
     * item would not fit is never written: the worker rejects the command with {@code DEBT_TOO_LARGE}.
     */
    public static boolean fits(Debt debt) {
        return ItemSize.fits(toItem(debt));
    }

    /**
     * The debt in {@code item}.
     *
     * @throws IllegalStateException naming the attribute, if the item is not a valid debt item
     */
    public static Debt fromItem(Map<String, AttributeValue> item) {
        try {
            Map<String, AttributeValue> counterparty =
                    required(item, "counterparty").m();
            Map<String, Long> applied = new LinkedHashMap<>();
            required(item, "appliedCommands")
                    .m()
                    .forEach((commandId, version) -> applied.put(commandId, Long.parseLong(version.n())));
            List<Payment> payments = required(item, "payments").l().stream()
                    .map(DebtItem::payment)
                    .toList();
            return Debt.builder()
                    .userId(text(item, "userId"))
                    .debtId(text(item, "debtId"))
                    .counterparty(new Counterparty(text(counterparty, "name"), optionalText(counterparty, "email")))
                    .direction(Direction.valueOf(text(item, "direction")))
                    .currency(text(item, "currency"))
                    .principal(number(item, "principal"))
                    .payments(payments)
                    .status(DebtStatus.valueOf(text(item, "status")))
                    .dueDate(
                            optionalText(item, "dueDate") == null
                                    ? null
                                    : LocalDate.parse(optionalText(item, "dueDate")))
                    .description(optionalText(item, "description"))
                    .version(number(item, "version"))
                    .createdAt(Instant.parse(text(item, "createdAt")))
                    .updatedAt(Instant.parse(text(item, "updatedAt")))
                    .writtenOff(number(item, "writtenOff"))
                    .appliedCommands(applied)
                    .settlementNote(optionalText(item, "settlementNote"))
                    .build();
        } catch (RuntimeException invalid) {
            throw new IllegalStateException(
                    "debts item " + describeKey(item) + " is not a valid debt: "
                            + invalid.getClass().getSimpleName() + ": " + invalid.getMessage(),
                    invalid);
        }
    }

    private static AttributeValue counterparty(Counterparty counterparty) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("name", s(counterparty.name()));
        putIfPresent(map, "email", counterparty.email());
        return AttributeValue.fromM(map);
    }

    private static AttributeValue payment(Payment payment) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("amount", n(payment.amount()));
        map.put("paidAt", s(payment.paidAt().toString()));
        putIfPresent(map, "note", payment.note());
        map.put("commandId", s(payment.commandId()));
        return AttributeValue.fromM(map);
    }

    private static Payment payment(AttributeValue value) {
        Map<String, AttributeValue> map = value.m();
        return new Payment(
                number(map, "amount"),
                Instant.parse(text(map, "paidAt")),
                optionalText(map, "note"),
                text(map, "commandId"));
    }

    private static String describeKey(Map<String, AttributeValue> item) {
        AttributeValue debtId = item.get("debtId");
        return debtId == null || debtId.s() == null ? "(without debtId)" : debtId.s();
    }

    private static AttributeValue required(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is missing");
        }
        return value;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        String value = required(item, name).s();
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is not a string (S)");
        }
        return value;
    }

    private static String optionalText(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? text(item, name) : null;
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        String value = required(item, name).n();
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is not a number (N)");
        }
        return Long.parseLong(value);
    }

    private static void putIfPresent(Map<String, AttributeValue> map, String name, String value) {
        if (value != null) {
            map.put(name, s(value));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
