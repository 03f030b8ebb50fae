package dev.tally.common.domain;

import dev.tally.events.DebtStatus;
import dev.tally.events.DecimalMoney;
import dev.tally.events.Money;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.Direction;
import dev.tally.events.view.DebtView;
import dev.tally.events.view.PaymentView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The debt aggregate: one debt of one user, as stored in the {@code debts} table and changed only
 * through {@link DebtDecider#decide}.
 *
 * <p>Amounts are {@code long} minor units of {@code currency}. Balances:
 * <ul>
 *   <li>{@link #paid()} is the sum of the payments;</li>
 *   <li>{@link #outstanding()} is {@code principal − paid} while OPEN; a SETTLED debt has
 *       outstanding 0 (what was not paid is in {@code writtenOff}); a CANCELLED debt keeps
 *       {@code principal − paid} but counts towards no summary;</li>
 *   <li>always {@code 0 ≤ outstanding ≤ principal} and {@code paid + writtenOff ≤ principal};
 *       a SETTLED debt has {@code paid + writtenOff = principal}; an OPEN debt has
 *       {@code outstanding > 0} (a payment of the whole outstanding settles it).</li>
 * </ul>
 * All arithmetic is exact ({@link Math#addExact}): nothing wraps around. The constructor checks
 * every invariant, so no invalid debt can exist.
 *
 * @param userId          the owner
 * @param debtId          the debt's id
 * @param counterparty    the other party
 * @param direction       who owes whom
 * @param currency        the ISO 4217 code of every amount
 * @param principal       the amount recorded at creation, &gt; 0
 * @param payments        the payments, in the order recorded
 * @param status          OPEN, SETTLED or CANCELLED
 * @param dueDate         optional due date
 * @param description     optional description
 * @param version         1 at creation, +1 per applied command
 * @param createdAt       when it was created (the creating command's {@code issuedAt})
 * @param updatedAt       when it last changed
 * @param writtenOff      what was written off when it was settled (0 unless SETTLED)
 * @param appliedCommands every command applied to it → the version it produced (idempotency)
 * @param settlementNote  optional note given when it was settled
 */
public record Debt(
        String userId,
        String debtId,
        Counterparty counterparty,
        Direction direction,
        String currency,
        long principal,
        List<Payment> payments,
        DebtStatus status,
        LocalDate dueDate,
        String description,
        long version,
        Instant createdAt,
        Instant updatedAt,
        long writtenOff,
        Map<String, Long> appliedCommands,
        String settlementNote) {

    /**
     * The most commands one debt accepts (creation included); a further command is rejected with
     * {@code DEBT_CHANGE_LIMIT_REACHED}. With ASCII text this keeps a debt's item under DynamoDB's
     * 400 KB; text counts code points, so notes of 4-byte characters can reach the limit first: the
     * worker then rejects with {@code DEBT_TOO_LARGE} ({@code common.store.ItemSize}, ADR 0140).
     */
    public static final int MAX_COMMANDS = 200;

    public Debt {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(debtId, "debtId");
        Objects.requireNonNull(counterparty, "counterparty");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Money.format(0, currency); // throws for a missing or invalid currency
        payments = List.copyOf(payments);
        appliedCommands = Map.copyOf(appliedCommands);
        require(principal > 0, "principal must be greater than 0");
        require(version >= 1, "version must be at least 1");
        require(!updatedAt.isBefore(createdAt), "updatedAt must not be before createdAt");
        require(writtenOff >= 0, "writtenOff must not be negative");
        require(appliedCommands.size() <= version, "more applied commands than versions");
        require(
                appliedCommands.values().stream().allMatch(v -> v >= 1 && v <= version),
                "every applied command's version must be between 1 and the debt's version");
        long paid = sum(payments);
        long closed = Math.addExact(paid, writtenOff);
        require(closed <= principal, "payments and write-off exceed the principal");
        switch (status) {
            case OPEN -> {
                require(writtenOff == 0, "an OPEN debt has nothing written off");
                require(paid < principal, "an OPEN debt has something outstanding");
            }
            case SETTLED -> require(closed == principal, "a SETTLED debt is paid or written off in full");
            case CANCELLED -> require(writtenOff == 0, "a CANCELLED debt has nothing written off");
            default -> throw new IllegalArgumentException("unknown status " + status);
        }
    }

    /** A builder of a new debt; every field is unset (null or 0) until given. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this debt's fields, to make a changed copy (the copy is checked when built). */
    public Builder toBuilder() {
        return new Builder()
                .userId(userId)
                .debtId(debtId)
                .counterparty(counterparty)
                .direction(direction)
                .currency(currency)
                .principal(principal)
                .payments(payments)
                .status(status)
                .dueDate(dueDate)
                .description(description)
                .version(version)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .writtenOff(writtenOff)
                .appliedCommands(appliedCommands)
                .settlementNote(settlementNote);
    }

    /** The sum of the payments. */
    public long paid() {
        return sum(payments);
    }

    /** What is still owed: {@code principal − paid} unless SETTLED (then 0). */
    public long outstanding() {
        return status == DebtStatus.SETTLED ? 0 : Math.subtractExact(principal, paid());
    }

    /** True while the debt can still change. */
    public boolean isOpen() {
        return status == DebtStatus.OPEN;
    }

    /** The debt as the API shows it. */
    public DebtView toView() {
        List<PaymentView> paymentViews = payments.stream()
                .map(p -> new PaymentView(Money.of(p.amount(), currency), p.paidAt(), p.note(), p.commandId()))
                .toList();
        return new DebtView(
                debtId,
                counterparty,
                direction,
                Money.of(principal, currency),
                DecimalMoney.of(outstanding(), currency),
                DecimalMoney.of(paid(), currency),
                DecimalMoney.of(writtenOff, currency),
                currency,
                status,
                dueDate,
                description,
                settlementNote,
                paymentViews,
                paymentViews.size(),
                version,
                createdAt,
                updatedAt);
    }

    private static long sum(List<Payment> payments) {
        long total = 0;
        for (Payment payment : payments) {
            total = Math.addExact(total, payment.amount());
        }
        return total;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Names each field of a {@link Debt} instead of placing it; {@link #build()} runs the record's
     * checks once, on the whole debt (a chain of withers would check every half-changed copy).
     */
    public static final class Builder {
        private String userId;
        private String debtId;
        private Counterparty counterparty;
        private Direction direction;
        private String currency;
        private long principal;
        private List<Payment> payments = List.of();
        private DebtStatus status;
        private LocalDate dueDate;
        private String description;
        private long version;
        private Instant createdAt;
        private Instant updatedAt;
        private long writtenOff;
        private Map<String, Long> appliedCommands = Map.of();
        private String settlementNote;

        private Builder() {}

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder debtId(String debtId) {
            this.debtId = debtId;
            return this;
        }

        public Builder counterparty(Counterparty counterparty) {
            this.counterparty = counterparty;
            return this;
        }

        public Builder direction(Direction direction) {
            this.direction = direction;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder principal(long principal) {
            this.principal = principal;
            return this;
        }

        public Builder payments(List<Payment> payments) {
            this.payments = payments;
            return this;
        }

        public Builder status(DebtStatus status) {
            this.status = status;
            return this;
        }

        public Builder dueDate(LocalDate dueDate) {
            this.dueDate = dueDate;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder writtenOff(long writtenOff) {
            this.writtenOff = writtenOff;
            return this;
        }

        public Builder appliedCommands(Map<String, Long> appliedCommands) {
            this.appliedCommands = appliedCommands;
            return this;
        }

        public Builder settlementNote(String settlementNote) {
            this.settlementNote = settlementNote;
            return this;
        }

        /**
         * The debt.
         *
         * @throws IllegalArgumentException or {@link NullPointerException} if it breaks an invariant
         */
        public Debt build() {
            return new Debt(
                    userId,
                    debtId,
                    counterparty,
                    direction,
                    currency,
                    principal,
                    payments,
                    status,
                    dueDate,
                    description,
                    version,
                    createdAt,
                    updatedAt,
                    writtenOff,
                    appliedCommands,
                    settlementNote);
        }
    }
}
