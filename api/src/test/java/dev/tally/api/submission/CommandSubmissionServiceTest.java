package dev.tally.api.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.api.store.CommandRecord;
import dev.tally.api.testing.InMemoryCommandStore;
import dev.tally.api.testing.RecordingCommandQueue;
import dev.tally.events.Money;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.CommandType;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import dev.tally.events.command.SettleDebt;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandSubmissionServiceTest {

    private static final String USER = "6b1f0c2e-7d4a-4c1b-9f3e-2a5d8c7b1e90";
    private static final Instant FIRST = Instant.parse("2026-11-27T10:15:30.123Z");
    private static final Instant LATER = Instant.parse("2026-11-27T10:16:05.456Z");
    private static final String DEBT = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90";

    private final InMemoryCommandStore commands = new InMemoryCommandStore();
    private final RecordingCommandQueue queue = new RecordingCommandQueue();
    private final CommandSubmissionService service = new CommandSubmissionService(
            commands, queue, new RequestHash(TallyJson.MAPPER), () -> "generated-command-id");

    @Test
    void submit_whenNew_recordsAcceptedWithTtlThenSendsTheEnvelope() {
        SubmissionOutcome outcome = service.submit(USER, create("key-1", newDebtId(), FIRST, 1234));

        assertThat(outcome).isInstanceOf(SubmissionOutcome.Accepted.class);
        SubmissionOutcome.Accepted accepted = (SubmissionOutcome.Accepted) outcome;
        assertThat(accepted.commandId()).isEqualTo("key-1");
        assertThat(accepted.replayed()).isFalse();
        CommandRecord record = commands.find(USER, "key-1").orElseThrow();
        assertThat(record.status()).isEqualTo(CommandStatus.Status.ACCEPTED);
        assertThat(record.type()).isEqualTo(CommandType.CREATE_DEBT);
        assertThat(record.debtId()).isEqualTo(accepted.debtId());
        assertThat(record.acceptedAt()).isEqualTo(FIRST);
        assertThat(record.expiresAt()).isEqualTo(FIRST.plus(Duration.ofDays(30)));
        assertThat(record.requestHash()).hasSize(64);
        assertThat(queue.sent()).singleElement().satisfies(envelope -> {
            assertThat(envelope.commandId()).isEqualTo("key-1");
            assertThat(envelope.userId()).isEqualTo(USER);
            assertThat(envelope.schemaVersion()).isEqualTo(CommandEnvelope.SCHEMA_VERSION);
            assertThat(envelope.issuedAt()).isEqualTo(FIRST);
            assertThat(envelope.correlationId()).isEqualTo("corr-1");
            assertThat(envelope.debtId()).isEqualTo(accepted.debtId());
        });
    }

    @Test
    void submit_withoutIdempotencyKey_usesAGeneratedCommandId() {
        SubmissionOutcome outcome = service.submit(USER, create(null, newDebtId(), FIRST, 1234));

        assertThat(((SubmissionOutcome.Accepted) outcome).commandId()).isEqualTo("generated-command-id");
        assertThat(queue.sent())
                .singleElement()
                .extracting(CommandEnvelope::commandId)
                .isEqualTo("generated-command-id");
    }

    @Test
    void submit_whenTheSameCreateIsReplayedWhileAccepted_answersTheSameDebtIdAndResendsTheFirstEnvelope() {
        SubmissionOutcome first = service.submit(USER, create("key-1", newDebtId(), FIRST, 1234));

        SubmissionOutcome again = service.submit(USER, create("key-1", newDebtId(), LATER, 1234));

        assertThat(again)
                .isEqualTo(
                        new SubmissionOutcome.Accepted("key-1", ((SubmissionOutcome.Accepted) first).debtId(), true));
        assertThat(commands.size()).isEqualTo(1);
        assertThat(queue.sent()).hasSize(2);
        assertThat(queue.sent().get(1).payload()).isEqualTo(queue.sent().get(0).payload());
        assertThat(queue.sent().get(1).issuedAt()).isEqualTo(FIRST);
    }

    @Test
    void submit_whenReplayedAfterTheWorkerRecordedAnOutcome_answersTheSameAndSendsNothingMore() {
        SubmissionOutcome first = service.submit(USER, create("key-1", newDebtId(), FIRST, 1234));
        CommandRecord record = commands.find(USER, "key-1").orElseThrow();
        commands.put(new CommandRecord(
                USER,
                "key-1",
                record.type(),
                CommandStatus.Status.APPLIED,
                record.debtId(),
                record.requestHash(),
                record.acceptedAt(),
                record.expiresAt(),
                null,
                1L));

        SubmissionOutcome again = service.submit(USER, create("key-1", newDebtId(), LATER, 1234));

        assertThat(again)
                .isEqualTo(
                        new SubmissionOutcome.Accepted("key-1", ((SubmissionOutcome.Accepted) first).debtId(), true));
        assertThat(queue.sent()).hasSize(1);
    }

    @Test
    void submit_whenTheKeyComesBackWithAnotherBody_refusesAndSendsNothing() {
        service.submit(USER, create("key-1", newDebtId(), FIRST, 1234));

        SubmissionOutcome reused = service.submit(USER, create("key-1", newDebtId(), LATER, 9999));

        assertThat(reused).isEqualTo(new SubmissionOutcome.IdempotencyKeyReused("key-1"));
        assertThat(queue.sent()).hasSize(1);
    }

    @Test
    void submit_whenTheKeyComesBackOnAnotherRoute_refuses() {
        service.submit(
                USER,
                new Submission(
                        "POST /debts/{debtId}/settle", new SettleDebt(DEBT, null), Set.of(), FIRST, "key-1", "c"));

        SubmissionOutcome reused = service.submit(
                USER,
                new Submission(
                        "DELETE /debts/{debtId}",
                        new dev.tally.events.command.CancelDebt(DEBT),
                        Set.of(),
                        LATER,
                        "key-1",
                        "c"));

        assertThat(reused).isInstanceOf(SubmissionOutcome.IdempotencyKeyReused.class);
    }

    @Test
    void submit_sameKeyForTwoUsers_areTwoCommands() {
        service.submit(USER, create("key-1", newDebtId(), FIRST, 1234));

        SubmissionOutcome other = service.submit("another-user", create("key-1", newDebtId(), FIRST, 9999));

        assertThat(other).isInstanceOf(SubmissionOutcome.Accepted.class);
        assertThat(((SubmissionOutcome.Accepted) other).replayed()).isFalse();
        assertThat(queue.sent()).extracting(CommandEnvelope::userId).containsExactly(USER, "another-user");
    }

    @Test
    void submit_whenTheSendFails_answersUnavailableKeepsTheRecordAndTheRetrySends() {
        queue.failNext(1);

        SubmissionOutcome failed = service.submit(USER, create("key-1", newDebtId(), FIRST, 1234));

        assertThat(failed).isEqualTo(new SubmissionOutcome.QueueUnavailable("key-1"));
        assertThat(queue.sent()).isEmpty();
        CommandRecord kept = commands.find(USER, "key-1").orElseThrow();
        assertThat(kept.isAccepted()).isTrue();

        SubmissionOutcome retried = service.submit(USER, create("key-1", newDebtId(), LATER, 1234));

        assertThat(retried).isEqualTo(new SubmissionOutcome.Accepted("key-1", kept.debtId(), true));
        assertThat(queue.sent()).singleElement().satisfies(envelope -> {
            assertThat(envelope.debtId()).isEqualTo(kept.debtId());
            assertThat(envelope.issuedAt()).isEqualTo(FIRST);
        });
    }

    @Test
    void submit_whenAPaymentWithDefaultedTimeIsReplayed_matchesAndResendsTheFirstPaymentTime() {
        service.submit(USER, payment("pay-1", FIRST));

        SubmissionOutcome again = service.submit(USER, payment("pay-1", LATER));

        assertThat(again).isInstanceOf(SubmissionOutcome.Accepted.class);
        assertThat(queue.sent())
                .hasSize(2)
                .allSatisfy(envelope -> assertThat(((RecordPayment) envelope.payload()).paidAt())
                        .isEqualTo(FIRST));
    }

    private static Submission create(String key, String debtId, Instant receivedAt, long cents) {
        CreateDebt command = new CreateDebt(
                debtId,
                new Counterparty("Grace Hopper", "grace@example.com"),
                Direction.OWED_TO_ME,
                Money.of(cents, "EUR"),
                "Dinner",
                null);
        return new Submission("POST /debts", command, Set.of(Submission.DEBT_ID), receivedAt, key, "corr-1");
    }

    /** A payment without {@code paidAt} in the body: the API defaulted it to the time of the request. */
    private static Submission payment(String key, Instant receivedAt) {
        RecordPayment command = new RecordPayment(DEBT, Money.of(500, "EUR"), receivedAt, null);
        return new Submission(
                "POST /debts/{debtId}/payments", command, Set.of(Submission.PAID_AT), receivedAt, key, "corr-2");
    }

    private static String newDebtId() {
        return new UuidV7().next().toString();
    }
}
