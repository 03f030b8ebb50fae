package dev.tally.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tally.api.store.CommandRecord;
import dev.tally.api.store.CommandStore;
import dev.tally.api.store.DebtPage;
import dev.tally.api.store.DebtReader;
import dev.tally.common.auth.HmacKey;
import dev.tally.common.domain.Debt;
import dev.tally.common.domain.Summary;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ErrorCode;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryStore;
import dev.tally.events.DebtStatus;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.CommandType;
import dev.tally.events.view.DebtListView;
import dev.tally.events.view.SummaryView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QueryServiceTest {

    private static final String USER = "user-1";
    private static final String DEBT_1 = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90";
    private static final String DEBT_2 = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c91";
    private static final Instant NOW = Instant.parse("2026-11-27T10:30:00Z");
    /** Still the 27th in UTC, already the 28th in Auckland (UTC+13). */
    private static final Instant LATE_ON_THE_27TH = Instant.parse("2026-11-27T12:30:00Z");

    private final DebtReader debts = mock(DebtReader.class);
    private final CommandStore commands = mock(CommandStore.class);
    private final DebtCursors cursors =
            DebtCursors.fromJwtKey(HmacKey.fromSecretString("test-signing-key-0123456789-abcdefghijklmnop"));

    @Test
    void summary_whenTheUserHasNoneYet_isEmptyNotMissing() {
        SummaryView view = service(userId -> Optional.empty()).summary(USER);

        assertThat(view.userId()).isEqualTo(USER);
        assertThat(view.currencies()).isEmpty();
        assertThat(view.counterparties()).isEmpty();
    }

    @Test
    void summary_countsAsOverdueOnlyOpenDebtsDueBeforeTodayInUtc() {
        LocalDate today = LocalDate.of(2026, 11, 27);
        Summary summary = Summary.summaryOf(List.of(
                TestDebts.open(USER, DEBT_1, "Alice", 1_000, 0, "EUR", today.minusDays(1)),
                TestDebts.open(USER, DEBT_2, "Bob", 2_000, 0, "EUR", today.plusDays(1)),
                TestDebts.open(USER, "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c92", "Chiyo", 3_000, 0, "EUR", today)));
        // A clock in another zone must not move "today": the date is taken in UTC (in Auckland the 27th is past).
        QueryService service = service(
                userId -> Optional.of(new StoredSummary(USER, summary, Map.of(), 1, NOW)),
                Clock.fixed(LATE_ON_THE_27TH, ZoneId.of("Pacific/Auckland")));

        SummaryView view = service.summary(USER);

        assertThat(view.currencies().get("EUR").openCount()).isEqualTo(3);
        assertThat(view.currencies().get("EUR").overdueCount()).isEqualTo(1);
        assertThat(view.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void debts_whenTheReaderHasMore_answersACursorThatContinuesAfterTheLastItem() {
        Debt first = TestDebts.withStatus(USER, DEBT_1, DebtStatus.OPEN);
        when(debts.page(USER, DebtStatus.OPEN, null, 1)).thenReturn(new DebtPage(List.of(first), DEBT_1));

        DebtListView page = service(userId -> Optional.empty()).debts(USER, new DebtListing(DebtStatus.OPEN, 1, null));

        assertThat(page.items()).extracting(view -> view.debtId()).containsExactly(DEBT_1);
        assertThat(cursors.decode(USER, DebtStatus.OPEN, page.nextCursor())).isEqualTo(DEBT_1);
    }

    @Test
    void debts_withACursor_readsAfterItsPositionAndOnTheLastPageAnswersNoCursor() {
        Debt second = TestDebts.withStatus(USER, DEBT_2, DebtStatus.OPEN);
        when(debts.page(USER, null, DEBT_1, 5)).thenReturn(new DebtPage(List.of(second), null));
        String cursor = cursors.encode(USER, null, DEBT_1);

        DebtListView page = service(userId -> Optional.empty()).debts(USER, new DebtListing(null, 5, cursor));

        assertThat(page.items()).extracting(view -> view.debtId()).containsExactly(DEBT_2);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void debts_withAnotherUsersCursor_failsBeforeReading() {
        String othersCursor = cursors.encode("user-2", null, DEBT_1);

        assertThatThrownBy(
                        () -> service(userId -> Optional.empty()).debts(USER, new DebtListing(null, 5, othersCursor)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
        verifyNoInteractions(debts);
    }

    @Test
    void debt_whenTheIdIsNotADebtId_isNotFoundWithoutReading() {
        QueryService service = service(userId -> Optional.empty());

        assertThat(service.debt(USER, "../summary")).isEmpty();
        assertThat(service.debt(USER, DEBT_1.toUpperCase())).isEmpty();
        assertThat(service.debt(USER, "x".repeat(2000))).isEmpty();
        verifyNoInteractions(debts);
    }

    @Test
    void debt_whenTheUserHasIt_isItsViewAndElseEmpty() {
        Debt debt = TestDebts.open(USER, DEBT_1, "Alice", 1_000, 250, "EUR", null);
        when(debts.find(USER, DEBT_1)).thenReturn(Optional.of(debt));
        when(debts.find(USER, DEBT_2)).thenReturn(Optional.empty());
        QueryService service = service(userId -> Optional.empty());

        assertThat(service.debt(USER, DEBT_1)).contains(debt.toView());
        assertThat(service.debt(USER, DEBT_2)).isEmpty();
    }

    @Test
    void command_whenTheUserHasIt_isItsStatusAndAMalformedIdIsNotRead() {
        when(commands.find(USER, "cmd-1"))
                .thenReturn(Optional.of(new CommandRecord(
                        USER,
                        "cmd-1",
                        CommandType.SETTLE_DEBT,
                        CommandStatus.Status.APPLIED,
                        DEBT_1,
                        "hash",
                        NOW,
                        NOW.plusSeconds(3600),
                        null,
                        3L)));
        QueryService service = service(userId -> Optional.empty());

        assertThat(service.command(USER, "cmd-1"))
                .contains(CommandStatus.applied("cmd-1", CommandType.SETTLE_DEBT, DEBT_1, 3));
        assertThat(service.command(USER, "no/such id")).isEmpty();
        verify(commands).find(any(), any());
    }

    /** A service whose summaries store answers reads with {@code find}; the api never writes a summary. */
    private QueryService service(Function<String, Optional<StoredSummary>> find) {
        return service(find, Clock.fixed(NOW, ZoneId.of("UTC")));
    }

    private QueryService service(Function<String, Optional<StoredSummary>> find, Clock clock) {
        SummaryStore summaries = mock(SummaryStore.class);
        lenient().when(summaries.find(any())).thenAnswer(call -> find.apply(call.getArgument(0)));
        lenient().when(summaries.save(any())).thenThrow(new AssertionError("the api never writes a summary"));
        return new QueryService(summaries, debts, commands, cursors, clock);
    }
}
