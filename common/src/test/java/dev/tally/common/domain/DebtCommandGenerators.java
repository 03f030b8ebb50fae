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
import dev.tally.testkit.Generator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded generators (see {@code dev.tally.testkit}) of command sequences for one user over a few
 * debts, currencies, directions and counterparties, with duplicate deliveries of earlier commands
 * mixed in (same {@code commandId}, as a redelivery or DLQ replay would bring). Amounts are chosen so
 * that exact payments, overpayments and currency mismatches all happen often. Shared with other
 * modules through {@code tally-common}'s test-jar.
 */
public final class DebtCommandGenerators {

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

    private static final List<String> NOTES = List.of("rent", "dinner", "tickets");

    private DebtCommandGenerators() {}

    /** Sequences of up to 60 commands with amounts up to 10 000 minor units (no summary can overflow). */
    public static Generator<List<CommandEnvelope>> commandSequences() {
        return commandSequences(60, 10_000);
    }

    /** Sequences of up to {@code maxCommands} commands (plus duplicates) with amounts up to {@code maxAmount}. */
    public static Generator<List<CommandEnvelope>> commandSequences(int maxCommands, long maxAmount) {
        return sequences(amounts(maxAmount), maxCommands);
    }

    /** Sequences whose amounts are near {@code Long.MAX_VALUE}, for overflow properties. */
    public static Generator<List<CommandEnvelope>> hugeAmountSequences() {
        Generator<Long> huge = Generator.frequency(
                Generator.weighted(3, source -> source.longBetween(Long.MAX_VALUE - 1_000, Long.MAX_VALUE)),
                Generator.weighted(2, source -> source.longBetween(Long.MAX_VALUE / 3, Long.MAX_VALUE / 2)),
                Generator.weighted(1, source -> source.longBetween(1, 1_000)));
        return sequences(huge, 30);
    }

    /** A {@code CreateDebt} of {@code debtIds} with the given amounts. */
    public static Generator<DebtCommand> creates(Generator<String> debtIds, Generator<Long> amounts) {
        Generator<Money> money = money(amounts);
        Generator<String> emails =
                Generator.of(List.of("x@example.com", "y@example.com")).orNull(0.5);
        Generator<String> notes = Generator.of(NOTES).orNull(0.4);
        Generator<LocalDate> dueDates = dueDates().orNull(0.3);
        return source -> new CreateDebt(
                debtIds.next(source),
                new Counterparty(source.pick(NAMES), emails.next(source)),
                source.pick(Direction.values()),
                money.next(source),
                notes.next(source),
                dueDates.next(source));
    }

    /** Single payloads over {@link #DEBT_IDS} with the given amounts. */
    public static Generator<DebtCommand> payloads(Generator<Long> amounts) {
        Generator<String> debtIds = Generator.of(DEBT_IDS);
        Generator<Money> money = money(amounts);
        Generator<String> notes = Generator.of(NOTES);
        Generator<FieldUpdate<String>> names = fieldUpdates(Generator.of(NAMES), false);
        Generator<FieldUpdate<String>> emails =
                fieldUpdates(Generator.of(List.of("x@example.com", "z@example.com")), true);
        Generator<FieldUpdate<String>> descriptions = fieldUpdates(notes, true);
        Generator<FieldUpdate<LocalDate>> dueDates = fieldUpdates(dueDates(), true);
        Generator<DebtCommand> create = creates(debtIds, amounts);
        Generator<DebtCommand> update = source -> new UpdateDebt(
                debtIds.next(source),
                names.next(source),
                emails.next(source),
                descriptions.next(source),
                dueDates.next(source));
        Generator<DebtCommand> payment = source -> new RecordPayment(
                debtIds.next(source),
                money.next(source),
                START.plusSeconds(source.intBetween(0, 10_000)),
                notes.orNull(0.5).next(source));
        Generator<DebtCommand> settle =
                source -> new SettleDebt(debtIds.next(source), notes.orNull(0.5).next(source));
        Generator<DebtCommand> cancel = debtIds.map(CancelDebt::new);
        return Generator.frequency(
                Generator.weighted(1, create),
                Generator.weighted(2, update),
                Generator.weighted(6, payment),
                Generator.weighted(1, settle),
                Generator.weighted(1, cancel));
    }

    private static Generator<Money> money(Generator<Long> amounts) {
        Generator<String> currencies = Generator.frequency(
                Generator.weighted(6, Generator.constant("EUR")),
                Generator.weighted(2, Generator.constant("JPY")),
                Generator.weighted(2, Generator.constant("KWD")));
        return source -> Money.of(amounts.next(source), currencies.next(source));
    }

    private static Generator<LocalDate> dueDates() {
        return source -> FIRST_DUE_DATE.plusDays(source.intBetween(0, 29));
    }

    private static Generator<Long> amounts(long maxAmount) {
        return Generator.frequency(
                Generator.weighted(3, source -> source.longBetween(1, Math.min(20, maxAmount))),
                Generator.weighted(1, source -> source.longBetween(1, maxAmount)));
    }

    private static <T> Generator<FieldUpdate<T>> fieldUpdates(Generator<T> values, boolean clearable) {
        Generator<FieldUpdate<T>> set = values.map(FieldUpdate::set);
        Generator<FieldUpdate<T>> unchanged = Generator.constant(FieldUpdate.unchanged());
        if (!clearable) {
            return Generator.oneOf(set, unchanged);
        }
        return Generator.oneOf(set, unchanged, Generator.constant(FieldUpdate.cleared()));
    }

    /** Creates of a random subset of the debts first (so most later commands find their debt), then anything. */
    private static Generator<List<CommandEnvelope>> sequences(Generator<Long> amounts, int maxCommands) {
        Generator<DebtCommand> anyPayload = payloads(amounts);
        return source -> {
            List<DebtCommand> all = new ArrayList<>();
            for (String id : source.subset(DEBT_IDS)) {
                all.add(creates(Generator.constant(id), amounts).next(source));
            }
            all.addAll(source.listOf(maxCommands, anyPayload));
            List<Integer> picks = source.listOf(Math.max(1, maxCommands / 3), s -> s.intBetween(0, Integer.MAX_VALUE));
            return withDuplicates(all, picks);
        };
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
                    .filter(e -> e.commandId().equals("cmd-" + original))
                    .findFirst()
                    .orElseThrow();
            int after = sequence.indexOf(again) + 1;
            int position = after + (pick / payloads.size()) % (sequence.size() - after + 1);
            sequence.add(position, again);
        }
        return sequence;
    }
}
