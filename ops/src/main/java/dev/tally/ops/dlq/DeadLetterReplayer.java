package dev.tally.ops.dlq;

import dev.tally.ops.Progress;
import dev.tally.ops.dlq.ReplayLedger.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Moves messages from the FIFO dead-letter queue back to the FIFO command queue, group-safely.
 *
 * <p>Per message group (one user) the messages are moved in order, and the first one that is not
 * moved — its send failed, or it is outside the selection — ends the group for this run: it and every
 * later message of the group stay in the DLQ (kept in flight until the end, so FIFO hides the rest of
 * the group) and are reported. A replayed message keeps its {@code MessageGroupId}, gets a NEW
 * {@code MessageDeduplicationId}, keeps its {@code AWSTraceHeader} and gains the message attribute
 * {@code replayOf} (the DLQ message id) that the worker logs and annotates. Sends and deletes go
 * in batches of up to 10 holding at most one message per group, so a partly failed batch can never
 * put a later message of a group ahead of an earlier one. Every step is written to the ledger before
 * the next, so a run stopped anywhere can be resumed without sending a message twice.
 * See {@code docs/adr/0130-group-safe-dlq-replay.md}.
 */
public final class DeadLetterReplayer {

    /** The message attribute naming the DLQ message a replayed message came from. */
    public static final String REPLAY_OF = "replayOf";
    /** Attributes the worker adds when it moves a message; not forwarded on replay. */
    static final Set<String> WORKER_ATTRIBUTES =
            Set.of(DeadLetterMessage.FAILURE_REASON, "failureDetail", "originalMessageId");

    static final String DEDUPLICATION_PREFIX = "replay-";
    private static final int IDLE_RECEIVES_BEFORE_STOPPING = 2;

    private final SqsClient sqs;
    private final QueueAccess dlq;
    private final String queueUrl;
    private final CommandStatuses statuses;
    private final ReplayLedger ledger;
    private final Progress progress;
    private final Clock clock;
    private final AtomicBoolean stop;

    /**
     * A replayer from {@code deadLetterQueueUrl} to {@code queueUrl}.
     *
     * @param statuses where to read command statuses ({@code --purge-applied})
     * @param ledger   where every step is recorded
     * @param progress where progress is shown
     * @param stop     set (e.g. by a Ctrl-C hook) to end the run after the step in hand
     */
    public DeadLetterReplayer(
            SqsClient sqs,
            String deadLetterQueueUrl,
            String queueUrl,
            CommandStatuses statuses,
            ReplayLedger ledger,
            Progress progress,
            Clock clock,
            AtomicBoolean stop) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.dlq = new QueueAccess(sqs, Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl"));
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /**
     * Replays as {@code options} say.
     *
     * @param earlier the outcomes an earlier run's ledger recorded ({@code --resume}); empty for a fresh run
     */
    public ReplayResult replay(ReplayOptions options, Map<String, List<Outcome>> earlier) {
        return new Run(options, earlier).execute();
    }

    /** One run's state. */
    private final class Run {
        private final ReplayOptions options;
        private final Map<String, List<Outcome>> earlier;
        private final RateLimiter rate;
        private final Map<String, DeadLetterMessage> held = new LinkedHashMap<>();
        private final Map<String, DeadLetterMessage> passed = new LinkedHashMap<>();
        private final Map<String, String> blockedGroups = new LinkedHashMap<>();
        private final Map<String, Integer> heldPerGroup = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private int replayed;
        private int copied;
        private int resumed;
        private int purged;
        private int unparseable;
        private int heldBehind;
        private int failed;
        private int wouldSend;
        private long total;

        Run(ReplayOptions options, Map<String, List<Outcome>> earlier) {
            this.options = options;
            this.earlier = Map.copyOf(earlier);
            this.rate = new RateLimiter(options.ratePerSecond());
        }

        ReplayResult execute() {
            total = Math.min(options.max(), dlq.depth().total());
            Instant waitUntil = clock.instant().plus(options.waitForInFlight());
            int idle = 0;
            boolean interrupted = false;
            while (moved() < options.max()) {
                if (stop.get()) {
                    interrupted = true;
                    break;
                }
                List<DeadLetterMessage> batch = dlq.receive(options.visibilitySeconds());
                boolean progressed = handle(batch);
                dlq.release(passed.values());
                showProgress();
                if (progressed) {
                    idle = 0;
                    continue;
                }
                long elsewhere = dlq.depth().inFlight() - held.size();
                if (elsewhere > 0 && clock.instant().isBefore(waitUntil)) {
                    continue; // in flight elsewhere (e.g. a stopped run): they come back when their visibility ends
                }
                if (++idle >= IDLE_RECEIVES_BEFORE_STOPPING) {
                    break;
                }
            }
            dlq.release(held.values());
            heldPerGroup.forEach((group, count) -> problems.add("group " + group + ": " + count
                    + " selected message(s) left in the DLQ, in order, behind " + blockedGroups.get(group)));
            long depth = dlq.depth().total();
            long left =
                    options.dryRun() ? 0 : options.asksForEverything() && !options.copy() ? depth : failed + heldBehind;
            progress.done(moved(), total, status());
            return new ReplayResult(
                    options.dryRun() ? wouldSend : replayed,
                    copied,
                    resumed,
                    purged,
                    unparseable,
                    heldBehind,
                    failed,
                    left,
                    depth,
                    problems,
                    interrupted,
                    options.dryRun());
        }

        private int moved() {
            return replayed + copied + wouldSend;
        }

        private String status() {
            return "replayed=" + replayed + " copied=" + copied + " held=" + heldBehind + " failed=" + failed;
        }

        private void showProgress() {
            progress.update(moved(), total, status());
        }

        /** Handles one received batch; false when it brought nothing new. */
        private boolean handle(List<DeadLetterMessage> batch) {
            boolean progressed = false;
            List<DeadLetterMessage> toSend = new ArrayList<>();
            Map<DeadLetterMessage, Outcome> toDelete = new LinkedHashMap<>();
            Instant now = clock.instant();
            for (DeadLetterMessage message : batch) {
                String id = message.messageId();
                if (held.containsKey(id)) {
                    held.put(id, message);
                    continue;
                }
                if (passed.containsKey(id)) {
                    passed.put(id, message);
                    continue;
                }
                progressed = true;
                if (stop.get() || moved() + toSend.size() >= options.max()) {
                    passed.put(id, message); // not this run's: released untouched
                    continue;
                }
                classify(message, now, toSend, toDelete);
            }
            delete(toDelete, true);
            send(toSend);
            return progressed;
        }

        private void classify(
                DeadLetterMessage message,
                Instant now,
                List<DeadLetterMessage> toSend,
                Map<DeadLetterMessage, Outcome> toDelete) {
            String group = message.groupId();
            boolean selected = options.selection().selects(message, now);
            if (blockedGroups.containsKey(group)) {
                hold(message, selected);
                return;
            }
            List<Outcome> before = earlier.getOrDefault(message.messageId(), List.of());
            if (before.contains(Outcome.SENT) || before.contains(Outcome.COPIED)) {
                if (options.copy()) {
                    held.put(message.messageId(), message); // copied by an earlier run
                } else if (options.dryRun()) {
                    passed.put(message.messageId(), message);
                } else {
                    toDelete.put(message, Outcome.DELETED); // sent by an earlier run: never send twice
                }
                return;
            }
            if (message.isUnparseable() && !options.includeUnparseable()) {
                unparseable++;
                if (options.deleteUnparseable() && !options.dryRun()) {
                    toDelete.put(message, Outcome.DELETED_UNPARSEABLE);
                } else {
                    problems.add("message " + message.messageId() + " (group " + group + "): unparseable ("
                            + message.unparseable() + "), left in the DLQ");
                    passed.put(message.messageId(), message);
                }
                return;
            }
            if (!selected) {
                held.put(message.messageId(), message);
                if (!options.selection().onlyByGroup()) {
                    blockedGroups.put(group, "message " + message.messageId() + " (outside the selection)");
                } else {
                    blockedGroups.put(group, "group not selected");
                }
                return;
            }
            if (options.purgeApplied() && CommandStatuses.isTerminal(statuses.statusOf(message))) {
                if (options.dryRun()) {
                    purged++;
                    passed.put(message.messageId(), message);
                } else {
                    toDelete.put(message, Outcome.PURGED);
                }
                return;
            }
            if (options.dryRun()) {
                wouldSend++;
                passed.put(message.messageId(), message);
                return;
            }
            if (group == null) {
                failed++;
                problems.add(
                        "message " + message.messageId() + ": no MessageGroupId (is " + dlq.url() + " a FIFO queue?)");
                held.put(message.messageId(), message);
                return;
            }
            toSend.add(message);
        }

        private void hold(DeadLetterMessage message, boolean selected) {
            held.put(message.messageId(), message);
            if (selected) {
                heldBehind++;
                heldPerGroup.merge(message.groupId(), 1, Integer::sum);
                ledger.record(message, Outcome.HELD, blockedGroups.get(message.groupId()));
            }
        }

        /** Sends in rounds of at most one message per group, so a group's order survives a partial failure. */
        private void send(List<DeadLetterMessage> toSend) {
            List<DeadLetterMessage> pending = new ArrayList<>(toSend);
            while (!pending.isEmpty()) {
                Map<String, DeadLetterMessage> round = new LinkedHashMap<>();
                for (DeadLetterMessage message : List.copyOf(pending)) {
                    if (blockedGroups.containsKey(message.groupId())) {
                        pending.remove(message);
                        hold(message, true);
                    } else if (!round.containsKey(message.groupId()) && round.size() < QueueAccess.BATCH) {
                        round.put(message.groupId(), message);
                        pending.remove(message);
                    }
                }
                if (round.isEmpty()) {
                    return;
                }
                rate.acquire(round.size());
                List<DeadLetterMessage> sent = sendBatch(List.copyOf(round.values()));
                if (options.copy()) {
                    sent.forEach(message -> held.put(message.messageId(), message));
                    copied += sent.size();
                } else {
                    Map<DeadLetterMessage, Outcome> deletes = new LinkedHashMap<>();
                    sent.forEach(message -> deletes.put(message, Outcome.DELETED));
                    replayed += delete(deletes, false);
                }
                showProgress();
            }
        }

        /** The messages whose send succeeded (ledger SENT or COPIED); the failed ones block their group. */
        private List<DeadLetterMessage> sendBatch(List<DeadLetterMessage> round) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < round.size(); i++) {
                entries.add(entry(Integer.toString(i), round.get(i)));
            }
            Map<String, String> errors = new HashMap<>();
            try {
                SendMessageBatchResponse response = sqs.sendMessageBatch(
                        request -> request.queueUrl(queueUrl).entries(entries));
                for (BatchResultErrorEntry error : response.failed()) {
                    errors.put(error.id(), error.code());
                }
            } catch (SdkException sendFailed) {
                for (int i = 0; i < round.size(); i++) {
                    errors.put(Integer.toString(i), describe(sendFailed));
                }
            }
            List<DeadLetterMessage> sent = new ArrayList<>();
            for (int i = 0; i < round.size(); i++) {
                DeadLetterMessage message = round.get(i);
                String error = errors.get(Integer.toString(i));
                if (error == null) {
                    ledger.record(message, options.copy() ? Outcome.COPIED : Outcome.SENT, null);
                    sent.add(message);
                } else {
                    failed++;
                    ledger.record(message, Outcome.FAILED, error);
                    held.put(message.messageId(), message);
                    blockedGroups.put(
                            message.groupId(), "message " + message.messageId() + " (its send failed: " + error + ")");
                    problems.add("message " + message.messageId() + " (group " + message.groupId()
                            + "): send failed, left in the DLQ with the rest of its group: " + error);
                }
            }
            return sent;
        }

        private SendMessageBatchRequestEntry entry(String id, DeadLetterMessage message) {
            Map<String, MessageAttributeValue> attributes = forwardedAttributes(message.attributes());
            attributes.put(
                    REPLAY_OF,
                    MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue(message.messageId())
                            .build());
            SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                    .id(id)
                    .messageBody(message.body())
                    .messageGroupId(message.groupId())
                    .messageDeduplicationId(DEDUPLICATION_PREFIX + UUID.randomUUID())
                    .messageAttributes(attributes);
            if (message.traceHeader() != null) {
                entry.messageSystemAttributes(Map.of(
                        MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                        MessageSystemAttributeValue.builder()
                                .dataType("String")
                                .stringValue(message.traceHeader())
                                .build()));
            }
            return entry.build();
        }

        /**
         * Deletes from the DLQ, recording each deletion; returns how many were deleted.
         *
         * @param resuming the {@code DELETED} ones were sent by an earlier run (counted as resumed)
         */
        private int delete(Map<DeadLetterMessage, Outcome> toDelete, boolean resuming) {
            List<Map.Entry<DeadLetterMessage, Outcome>> all = new ArrayList<>(toDelete.entrySet());
            int deleted = 0;
            for (int from = 0; from < all.size(); from += QueueAccess.BATCH) {
                List<Map.Entry<DeadLetterMessage, Outcome>> chunk =
                        all.subList(from, Math.min(all.size(), from + QueueAccess.BATCH));
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    entries.add(DeleteMessageBatchRequestEntry.builder()
                            .id(Integer.toString(i))
                            .receiptHandle(chunk.get(i).getKey().receiptHandle())
                            .build());
                }
                Map<String, String> errors = new HashMap<>();
                try {
                    DeleteMessageBatchResponse response = sqs.deleteMessageBatch(
                            request -> request.queueUrl(dlq.url()).entries(entries));
                    response.failed().forEach(error -> errors.put(error.id(), error.code()));
                } catch (SdkException deleteFailed) {
                    for (int i = 0; i < chunk.size(); i++) {
                        errors.put(Integer.toString(i), describe(deleteFailed));
                    }
                }
                for (int i = 0; i < chunk.size(); i++) {
                    DeadLetterMessage message = chunk.get(i).getKey();
                    Outcome outcome = chunk.get(i).getValue();
                    String error = errors.get(Integer.toString(i));
                    if (error == null) {
                        ledger.record(message, outcome, null);
                        deleted++;
                        if (outcome == Outcome.PURGED) {
                            purged++;
                        } else if (outcome == Outcome.DELETED && resuming) {
                            resumed++;
                        }
                    } else {
                        failed++;
                        held.put(message.messageId(), message);
                        problems.add("message " + message.messageId() + ": not deleted from the DLQ (" + error + "); "
                                + (outcome == Outcome.DELETED
                                        ? "it was sent: --resume with the ledger deletes it without sending it again"
                                        : "run again"));
                    }
                }
            }
            return deleted;
        }
    }

    static Map<String, MessageAttributeValue> forwardedAttributes(Map<String, MessageAttributeValue> attributes) {
        Map<String, MessageAttributeValue> forwarded = new HashMap<>(attributes);
        forwarded.keySet().removeAll(WORKER_ATTRIBUTES);
        forwarded.remove(REPLAY_OF);
        return forwarded;
    }

    private static String describe(SdkException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + " ("
                    + failure.getClass().getSimpleName() + ")";
        }
        return failure.getClass().getSimpleName();
    }
}
