package dev.tally.api.submission;

import dev.tally.api.store.AcceptResult;
import dev.tally.api.store.CommandQueue;
import dev.tally.api.store.CommandQueueException;
import dev.tally.api.store.CommandRecord;
import dev.tally.api.store.CommandStore;
import dev.tally.common.store.CommandItem;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.DebtCommand;
import dev.tally.events.command.RecordPayment;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Accepts a validated command for a user: records it as {@code ACCEPTED} (the idempotency record),
 * then sends it to the commands queue.
 *
 * <p>Record first, send second: a crash or a failed send between the two leaves a record whose
 * status is still {@code ACCEPTED}; the client's retry with the same {@code Idempotency-Key} finds
 * it, sees the same request fingerprint and sends again (SQS drops a duplicate within its
 * deduplication window, the worker's idempotency on the command id after it). A key reused for a
 * different request is refused. See {@code docs/adr/0065-idempotent-command-submission.md}.
 */
public final class CommandSubmissionService {

    /** How long command records (idempotency and status) are kept: the table's one retention. */
    public static final Duration RECORD_RETENTION = CommandItem.RETENTION;

    private static final Logger LOG = LogManager.getLogger(CommandSubmissionService.class);

    private final CommandStore commands;
    private final CommandQueue queue;
    private final RequestHash requestHash;
    private final Supplier<String> commandIds;

    /** A service generating random command ids when the client sends no key. */
    public CommandSubmissionService(CommandStore commands, CommandQueue queue, RequestHash requestHash) {
        this(commands, queue, requestHash, () -> UUID.randomUUID().toString());
    }

    CommandSubmissionService(
            CommandStore commands, CommandQueue queue, RequestHash requestHash, Supplier<String> commandIds) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.requestHash = Objects.requireNonNull(requestHash, "requestHash");
        this.commandIds = Objects.requireNonNull(commandIds, "commandIds");
    }

    /** Accepts the command for the user (the token subject). */
    public SubmissionOutcome submit(String userId, Submission submission) {
        String commandId = submission.idempotencyKey() != null ? submission.idempotencyKey() : commandIds.get();
        DebtCommand command = submission.command();
        String hash = requestHash.of(submission.routeKey(), command, submission.generatedFields());
        Instant acceptedAt = submission.receivedAt();
        CommandRecord accepted = CommandRecord.accepted(
                userId, commandId, command.type(), command.debtId(), hash, acceptedAt, CommandItem.expiry(acceptedAt));
        AcceptResult result = commands.recordAccepted(accepted);
        if (result instanceof AcceptResult.AlreadyRecorded already) {
            return replay(userId, commandId, hash, submission, already.existing());
        }
        LOG.info("command accepted commandId={} type={} debtId={}", commandId, command.type(), command.debtId());
        return send(CommandEnvelope.of(commandId, userId, acceptedAt, submission.correlationId(), command), false);
    }

    private SubmissionOutcome replay(
            String userId, String commandId, String hash, Submission submission, CommandRecord existing) {
        if (!hash.equals(existing.requestHash())) {
            LOG.info("idempotency key reused for a different request commandId={}", commandId);
            return new SubmissionOutcome.IdempotencyKeyReused(commandId);
        }
        if (!existing.isAccepted()) {
            LOG.info("command replayed after its outcome commandId={} status={}", commandId, existing.status());
            return new SubmissionOutcome.Accepted(commandId, existing.debtId(), true);
        }
        // Still ACCEPTED: the first send may never have happened (crash, failed send), so send again,
        // with the values generated the first time.
        DebtCommand original = withGeneratedValues(submission, existing);
        LOG.info("command replayed while accepted, re-sending commandId={}", commandId);
        CommandEnvelope envelope =
                CommandEnvelope.of(commandId, userId, existing.acceptedAt(), submission.correlationId(), original);
        return send(envelope, true);
    }

    private SubmissionOutcome send(CommandEnvelope envelope, boolean replayed) {
        try {
            queue.send(envelope);
        } catch (CommandQueueException failed) {
            LOG.warn(
                    "command recorded but not queued commandId={} exception={}",
                    envelope.commandId(),
                    failed.getCause() == null
                            ? "none"
                            : failed.getCause().getClass().getName());
            return new SubmissionOutcome.QueueUnavailable(envelope.commandId());
        }
        return new SubmissionOutcome.Accepted(envelope.commandId(), envelope.debtId(), replayed);
    }

    /** The command as first accepted: the generated debt id and defaulted time taken from the record. */
    static DebtCommand withGeneratedValues(Submission submission, CommandRecord existing) {
        DebtCommand command = submission.command();
        if (command instanceof CreateDebt create && submission.generatedFields().contains(Submission.DEBT_ID)) {
            return new CreateDebt(
                    existing.debtId(),
                    create.counterparty(),
                    create.direction(),
                    create.amount(),
                    create.description(),
                    create.dueDate());
        }
        if (command instanceof RecordPayment payment
                && submission.generatedFields().contains(Submission.PAID_AT)) {
            return new RecordPayment(payment.debtId(), payment.amount(), existing.acceptedAt(), payment.note());
        }
        return command;
    }
}
