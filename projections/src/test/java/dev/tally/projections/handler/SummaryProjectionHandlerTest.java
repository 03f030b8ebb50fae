package dev.tally.projections.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.tally.common.domain.CurrencyTotals;
import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.domain.Summary;
import dev.tally.common.domain.TestCommands;
import dev.tally.common.store.DebtItem;
import dev.tally.common.store.StoredSummary;
import dev.tally.events.FieldUpdate;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.projections.SummaryProjector;
import dev.tally.projections.internal.LambdaAttributeValues;
import dev.tally.projections.store.FaultySummaryStore;
import dev.tally.projections.store.InMemorySummaryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class SummaryProjectionHandlerTest {

    private static final String D1 = "0193a6f2-7c41-7b20-9d11-3f5a2c8e0a01";
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private final InMemorySummaryStore store = new InMemorySummaryStore();
    private final FaultySummaryStore faulty = new FaultySummaryStore(store);
    private final SummaryProjectionHandler handler =
            new SummaryProjectionHandler(new SummaryProjector(faulty, Clock.fixed(NOW, ZoneOffset.UTC)));

    @ParameterizedTest
    @Event(value = "events/dynamodb/insert.json", type = DynamodbEvent.class)
    void handleRequest_whenADebtIsInserted_addsItsOutstandingToTheOwnersSummary(DynamodbEvent event) {
        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        StoredSummary stored = store.find("user-a").orElseThrow();
        CurrencyTotals eur = stored.summary().currencies().get("EUR");
        assertThat(eur.owedToMe()).isEqualTo(10_000);
        assertThat(eur.owedByMe()).isZero();
        assertThat(eur.openCount()).isEqualTo(1);
        assertThat(eur.openDueDates()).containsEntry(LocalDate.of(2026, 12, 31), 1L);
        assertThat(eur.counterparties().get("Alice").balance()).isEqualTo(10_000);
        assertThat(stored.debtVersions()).containsEntry(D1, 1L);
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void handleRequest_whenAPaymentAndADescriptionChangeFollow_appliesThePaymentAndWritesOnce() {
        handler.handleRequest(load("insert.json"), null);

        StreamsEventResponse response = handler.handleRequest(load("modify.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        StoredSummary stored = store.find("user-a").orElseThrow();
        assertThat(stored.summary().currencies().get("EUR").owedToMe()).isEqualTo(7_500);
        assertThat(stored.debtVersions()).containsEntry(D1, 3L);
        assertThat(store.writes()).isEqualTo(2);
    }

    @Test
    void handleRequest_whenAChangeAltersNoTotal_skipsItWithoutAWriteAndTheNextChangeStillAddsUp() {
        Debt created = applied(null, TestCommands.create("cmd-1", 10_000, "EUR"));
        Debt described = applied(
                created,
                TestCommands.update(
                        "cmd-2",
                        1,
                        FieldUpdate.unchanged(),
                        FieldUpdate.unchanged(),
                        FieldUpdate.set("Lunch"),
                        FieldUpdate.unchanged()));
        Debt paid = applied(described, TestCommands.pay("cmd-3", 2, 4_000, "EUR"));
        handler.handleRequest(StreamEvents.event(List.of(StreamEvents.record("1", null, created))), null);

        StreamsEventResponse neutral =
                handler.handleRequest(StreamEvents.event(List.of(StreamEvents.record("2", created, described))), null);

        assertThat(neutral.getBatchItemFailures()).isEmpty();
        assertThat(store.writes()).isEqualTo(1);
        assertThat(store.find(TestCommands.USER).orElseThrow().debtVersions()).containsEntry(TestCommands.DEBT, 1L);

        handler.handleRequest(StreamEvents.event(List.of(StreamEvents.record("3", described, paid))), null);

        StoredSummary stored = store.find(TestCommands.USER).orElseThrow();
        assertThat(stored.summary()).isEqualTo(Summary.summaryOf(List.of(paid)));
        assertThat(stored.summary().currencies().get("EUR").owedToMe()).isEqualTo(6_000);
        assertThat(stored.debtVersions()).containsEntry(TestCommands.DEBT, 3L);
    }

    @Test
    void handleRequest_whenTheSameBatchIsDeliveredTwice_countsItOnce() {
        handler.handleRequest(load("insert.json"), null);
        handler.handleRequest(load("modify.json"), null);
        Summary once = store.find("user-a").orElseThrow().summary();

        StreamsEventResponse response = handler.handleRequest(load("modify.json"), null);
        handler.handleRequest(load("insert.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.find("user-a").orElseThrow().summary()).isEqualTo(once);
        assertThat(store.writes()).isEqualTo(2);
    }

    @Test
    void handleRequest_whenADebtIsRemoved_takesItsContributionOutAndAReplayCannotBringItBack() {
        handler.handleRequest(load("insert.json"), null);
        handler.handleRequest(load("modify.json"), null);

        StreamsEventResponse response = handler.handleRequest(load("remove.json"), null);
        handler.handleRequest(load("insert.json"), null);
        handler.handleRequest(load("modify.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        StoredSummary stored = store.find("user-a").orElseThrow();
        assertThat(stored.summary()).isEqualTo(Summary.EMPTY);
        assertThat(stored.debtVersions()).containsEntry(D1, -3L);
    }

    @ParameterizedTest
    @Event(value = "events/dynamodb/malformed.json", type = DynamodbEvent.class)
    void handleRequest_whenAnImageIsMalformed_reportsItsSequenceNumberAndHoldsBackThatUsersLaterRecords(
            DynamodbEvent event) {
        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .singleElement()
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .isEqualTo("200000000000000000002");
        assertThat(store.find("user-b")
                        .orElseThrow()
                        .summary()
                        .currencies()
                        .get("JPY")
                        .owedByMe())
                .isEqualTo(5_000);
        assertThat(store.find("user-a")).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/dynamodb/missing-images.json", type = DynamodbEvent.class)
    void handleRequest_whenImagesAreMissingOrTheEventNameIsUnknown_reportsTheFirstRecord(DynamodbEvent event) {
        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("300000000000000000001");
        assertThat(store.all()).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/dynamodb/mixed-users.json", type = DynamodbEvent.class)
    void handleRequest_whenABatchMixesUsers_writesEachUsersSummaryOnceEqualToARecomputation(DynamodbEvent event) {
        Map<String, Map<String, Debt>> latest = latestImages(event);

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.all()).containsOnlyKeys("user-a", "user-b", "user-c");
        latest.forEach(
                (user, debts) -> assertThat(store.find(user).orElseThrow().summary())
                        .as(user)
                        .isEqualTo(Summary.summaryOf(debts.values())));
        assertThat(store.writes()).isEqualTo(3);
        assertThat(store.find("user-c").orElseThrow().summary().currencies()).containsOnlyKeys("KWD");
        assertThat(store.find("user-b")
                        .orElseThrow()
                        .summary()
                        .currencies()
                        .get("JPY")
                        .openCount())
                .isEqualTo(1);
    }

    @Test
    void handleRequest_whenOneUsersWriteFails_reportsThatUsersFirstRecordAndARedeliveryFromThereConverges() {
        DynamodbEvent event = load("mixed-users.json");
        faulty.failAtCall(2); // user-c: find (0), save (1); user-b: find (2) fails

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("400000000000000000002");
        assertThat(store.find("user-b")).isEmpty();
        assertThat(store.find("user-a")).isPresent();

        List<DynamodbEvent.DynamodbStreamRecord> rest =
                new ArrayList<>(event.getRecords().subList(1, 7));
        StreamsEventResponse retry = handler.handleRequest(StreamEvents.event(rest), null);

        assertThat(retry.getBatchItemFailures()).isEmpty();
        latestImages(event)
                .forEach((user, debts) -> assertThat(
                                store.find(user).orElseThrow().summary())
                        .as(user)
                        .isEqualTo(Summary.summaryOf(debts.values())));
    }

    @Test
    void handleRequest_whenTheEventHasNoRecords_reportsNothing() {
        assertThat(handler.handleRequest(new DynamodbEvent(), null).getBatchItemFailures())
                .isEmpty();
        assertThat(store.writes()).isZero();
    }

    private static Debt applied(Debt before, CommandEnvelope command) {
        return ((Decision.Applied) DebtDecider.decide(before, command)).debt();
    }

    private static DynamodbEvent load(String name) {
        return EventLoader.loadDynamoDbEvent("events/dynamodb/" + name);
    }

    /** Each user's debts as the batch's last images leave them (removed debts absent). */
    private static Map<String, Map<String, Debt>> latestImages(DynamodbEvent event) {
        Map<String, Map<String, Debt>> latest = new HashMap<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            var image = record.getDynamodb().getNewImage();
            String user = record.getDynamodb().getKeys().get("userId").getS();
            String debtId = record.getDynamodb().getKeys().get("debtId").getS();
            Map<String, Debt> debts = latest.computeIfAbsent(user, u -> new HashMap<>());
            if (image == null) {
                debts.remove(debtId);
            } else {
                debts.put(debtId, DebtItem.fromItem(LambdaAttributeValues.toSdk(image)));
            }
        }
        return latest;
    }
}
