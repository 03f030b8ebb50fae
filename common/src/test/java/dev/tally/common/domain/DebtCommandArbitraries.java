package dev.tally.common.domain;

import dev.tally.events.FieldUpdate;
import dev.tally.events.Money;
import dev.tally.events.command.CancelDebt;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.DebtCommand;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import dev.tally.events.command.SettleDebt;
import dev.tally.events.command.UpdateDebt;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of command sequences for one user over a few debts, currencies, directions
 * and counterparties, with duplicate deliveries of earlier commands mixed in (same
 * {@code commandId}, as a redelivery or DLQ replay would bring). Amounts are chosen so that exact
 * payments, overpayments and currency mismatches all happen often. Shared with other modules
 * through {@code tally-common}'s test-jar.
 */
public final class DebtCommandArbitraries {

    /** The user of every generated command. */
    public static final String USER = "user-p";
    /** The debts the commands act on. */
    public static final List<String> DEBT_IDS = List.of("debt-a", "debt-b", "debt-c", "debt-d");
    /** The counterparties' names. */
    public static final List<String> NAMES = List.of("Alice", "Bob", "Carol");
    /** The time of the first command. */
    public static final Instant START = Instant.parse("2026-11-20T08:00:00Z");
    /** Due dates are drawn from the 30 days from this one. */
    public static final LocalDate FIRST_DUE_DATE = LocalDate.of(2026, 11, 15);

    private DebtCommandArbitraries() {
    }

    /** Sequences of up to 60 commands with amounts up to 10 000 minor units (no summary can overflow). */
    public static Arbitrary<List<CommandEnvelope>> commandSequences() {
        return commandSequences(60, 10_000);
    }

    /** Sequences of up to {@code maxCommands} commands (plus duplicates) with amounts up to {@code maxAmount}. */
    public static Arbitrary<List<CommandEnvelope>> commandSequences(int maxCommands, long maxAmount) {
        return sequences(amounts(maxAmount), maxCommands);
    }

    /** Sequences whose amounts are near {@code Long.MAX_VALUE}, for overflow properties. */
    public static Arbitrary<List<CommandEnvelope>> hugeAmountSequences() {
        Arbitrary<Long> huge = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(Long.MAX_VALUE - 1_000, Long.MAX_VALUE)),
                Tuple.of(2, Arbitraries.longs().between(Long.MAX_VALUE / 3, Long.MAX_VALUE / 2)),
                Tuple.of(1, Arbitraries.longs().between(1, 1_000)));
        return sequences(huge, 30);
    }

    /** A {@code CreateDebt} of {@code debtIds} with the given amounts. */
    public static Arbitrary<DebtCommand> creates(Arbitrary<String> debtIds, Arbitrary<Long> amounts) {
        Arbitrary<Counterparty> parties = Combinators.combine(Arbitraries.of(NAMES),
                        Arbitraries.of("x@example.com", "y@example.com").injectNull(0.5))
                .as(Counterparty::new);
        return Combinators.combine(debtIds, parties, Arbitraries.of(Direction.class), money(amounts),
                        notes().injectNull(0.4), dueDates().injectNull(0.3))
                .as(CreateDebt::new);
    }

    /** Single payloads over {@link #DEBT_IDS} with the given amounts. */
    public static Arbitrary<DebtCommand> payloads(Arbitrary<Long> amounts) {
        Arbitrary<String> debtIds = Arbitraries.of(DEBT_IDS);
        Arbitrary<Money> money = money(amounts);
        Arbitrary<LocalDate> dueDates = dueDates();
        Arbitrary<String> notes = notes();
        Arbitrary<DebtCommand> create = creates(debtIds, amounts);
        Arbitrary<DebtCommand> update = Combinators.combine(debtIds, fieldUpdates(Arbitraries.of(NAMES), false),
                        fieldUpdates(Arbitraries.of("x@example.com", "z@example.com"), true),
                        fieldUpdates(notes, true), fieldUpdates(dueDates, true))
                .as(UpdateDebt::new);
        Arbitrary<DebtCommand> payment = Combinators.combine(debtIds, money,
                        Arbitraries.integers().between(0, 10_000).map(s -> START.plusSeconds(s)), notes.injectNull(0.5))
                .as(RecordPayment::new);
        Arbitrary<DebtCommand> settle = Combinators.combine(debtIds, notes.injectNull(0.5)).as(SettleDebt::new);
        Arbitrary<DebtCommand> cancel = debtIds.map(CancelDebt::new);
        return Arbitraries.frequencyOf(
                Tuple.of(1, create), Tuple.of(2, update), Tuple.of(6, payment), Tuple.of(1, settle), Tuple.of(1, cancel));
    }

    private static Arbitrary<Money> money(Arbitrary<Long> amounts) {
        Arbitrary<String> currencies = Arbitraries.frequency(Tuple.of(6, "EUR"), Tuple.of(2, "JPY"), Tuple.of(2, "KWD"));
        return Combinators.combine(amounts, currencies).as(Money::of);
    }

    private static Arbitrary<LocalDate> dueDates() {
        return Arbitraries.integers().between(0, 29).map(FIRST_DUE_DATE::plusDays);
    }

    private static Arbitrary<String> notes() {
        return Arbitraries.of("rent", "dinner", "tickets");
    }

    private static Arbitrary<Long> amounts(long maxAmount) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, Math.min(20, maxAmount))),
                Tuple.of(1, Arbitraries.longs().between(1, maxAmount)));
    }

    private static <T> Arbitrary<FieldUpdate<T>> fieldUpdates(Arbitrary<T> values, boolean clearable) {
        Arbitrary<FieldUpdate<T>> set = values.map(FieldUpdate::set);
        Arbitrary<FieldUpdate<T>> unchanged = Arbitraries.just(FieldUpdate.unchanged());
        if (!clearable) {
            return Arbitraries.oneOf(set, unchanged);
        }
        return Arbitraries.oneOf(set, unchanged, Arbitraries.just(FieldUpdate.cleared()));
    }

    /** Creates of a random subset of the debts first (so most later commands find their debt), then anything. */
    private static Arbitrary<List<CommandEnvelope>> sequences(Arbitrary<Long> amounts, int maxCommands) {
        Arbitrary<List<DebtCommand>> creates = Arbitraries.subsetOf(DEBT_IDS).flatMap(ids -> Combinators.combine(
                ids.stream().sorted().map(id -> creates(Arbitraries.just(id), amounts)).toList()).as(List::copyOf));
        Arbitrary<List<DebtCommand>> rest = payloads(amounts).list().ofMaxSize(maxCommands);
        Arbitrary<List<Integer>> duplicates = Arbitraries.integers().between(0, Integer.MAX_VALUE).list()
                .ofMaxSize(Math.max(1, maxCommands / 3));
        return Combinators.combine(creates, rest, duplicates).as((first, then, picks) -> {
            List<DebtCommand> all = new ArrayList<>(first);
            all.addAll(then);
            return withDuplicates(all, picks);
        });
    }

    private static List<CommandEnvelope> withDuplicates(List<DebtCommand> payloads, List<Integer> picks) {
        List<CommandEnvelope> sequence = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            sequence.add(CommandEnvelope.of("cmd-" + i, USER, START.plusSeconds(60L * i), null, payloads.get(i)));
        }
        if (sequence.isEmpty()) {
            return sequence;
        }
        for (int pick : picks) {
            int original = pick % payloads.size();
            CommandEnvelope again = sequence.stream()
                    .filter(e -> e.commandId().equals("cmd-" + original)).findFirst().orElseThrow();
            int after = sequence.indexOf(again) + 1;
            int position = after + (pick / payloads.size()) % (sequence.size() - after + 1);
            sequence.add(position, again);
        }
        return sequence;
    }
}
