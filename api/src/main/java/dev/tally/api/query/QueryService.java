package dev.tally.api.query;

import dev.tally.api.store.CommandRecord;
import dev.tally.api.store.CommandStore;
import dev.tally.api.store.DebtPage;
import dev.tally.api.store.DebtReader;
import dev.tally.api.submission.IdempotencyKey;
import dev.tally.api.submission.UuidV7;
import dev.tally.common.domain.Debt;
import dev.tally.common.domain.Summary;
import dev.tally.common.store.SummaryStore;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.view.DebtListView;
import dev.tally.events.view.DebtView;
import dev.tally.events.view.SummaryView;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The query routes' reads, always of the calling user's own data: every key starts with the user
 * id, so another user's debt or command is not found exactly as a missing one is (ADR 0076).
 */
public final class QueryService {

    private final SummaryStore summaries;
    private final DebtReader debts;
    private final CommandStore commands;
    private final DebtCursors cursors;
    private final Clock clock;

    /** Reads through the given stores; "today" (for overdue counts) is the clock's UTC date. */
    public QueryService(
            SummaryStore summaries, DebtReader debts, CommandStore commands, DebtCursors cursors, Clock clock) {
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.debts = Objects.requireNonNull(debts, "debts");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The user's summary, with overdue counts as of today (UTC); an empty one before the first debt. */
    public SummaryView summary(String userId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return summaries
                .find(userId)
                .map(stored -> stored.visibleSummary().toView(userId, today, stored.updatedAt()))
                .orElseGet(() -> Summary.EMPTY.toView(userId, today, null));
    }

    /**
     * A page of the user's debts in creation order, without their payments (see {@link DebtView}). A
     * filtered page may hold fewer debts than the limit, even none, with a cursor to continue: the
     * reader stops after a bounded number of query rounds (ADR 0143).
     *
     * @throws dev.tally.common.http.ApiException {@code INVALID_CURSOR} for a cursor not issued for this user and filter
     */
    public DebtListView debts(String userId, DebtListing listing) {
        String after = listing.cursor() == null ? null : cursors.decode(userId, listing.status(), listing.cursor());
        DebtPage page = debts.page(userId, listing.status(), after, listing.limit());
        List<DebtView> items = page.debts().stream()
                .map(debt -> debt.toView().withoutPayments())
                .toList();
        String next = page.resumeAfter() == null ? null : cursors.encode(userId, listing.status(), page.resumeAfter());
        return new DebtListView(items, next);
    }

    /** The user's debt, if the user has one with this id (a malformed id names no debt). */
    public Optional<DebtView> debt(String userId, String debtId) {
        if (debtId == null || !UuidV7.SHAPE.matcher(debtId).matches()) {
            return Optional.empty();
        }
        return debts.find(userId, debtId).map(Debt::toView);
    }

    /** The status of the user's command, if the user has one with this id (a malformed id names no command). */
    public Optional<CommandStatus> command(String userId, String commandId) {
        if (IdempotencyKey.problem(commandId).isPresent()) {
            return Optional.empty();
        }
        return commands.find(userId, commandId).map(QueryService::status);
    }

    private static CommandStatus status(CommandRecord record) {
        return new CommandStatus(
                record.commandId(),
                record.type(),
                record.status(),
                record.reason(),
                record.debtId(),
                record.debtVersion());
    }
}
