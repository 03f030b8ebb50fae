package dev.tally.ops.dlq;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lists what is in the dead-letter queue without changing it: every message it can reach is
 * received (hidden while the preview runs) and made visible again at the end. FIFO hides a group's
 * later messages while earlier ones are held, so at most 10 per group are listed; the queue's own
 * count is printed next to what was seen.
 */
public final class DeadLetterPreview {

    private final QueueAccess dlq;
    private final CommandStatuses statuses;
    private final Clock clock;

    /** A preview of {@code deadLetterQueueUrl}, looking statuses up in {@code statuses}. */
    public DeadLetterPreview(SqsClient sqs, String deadLetterQueueUrl, CommandStatuses statuses, Clock clock) {
        this.dlq = new QueueAccess(
                Objects.requireNonNull(sqs, "sqs"), Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl"));
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One listed message.
     *
     * @param age how long ago it was first sent, or null
     */
    public record Entry(
            String messageId,
            String commandId,
            String userId,
            String groupId,
            String commandType,
            Duration age,
            int receiveCount,
            String status) {}

    /**
     * What the preview saw.
     *
     * @param entries  the messages, in the order received (per group: queue order)
     * @param counts   status → number of messages
     * @param dlqDepth the queue's own count (visible plus in flight) before the preview
     */
    public record Listing(List<Entry> entries, Map<String, Integer> counts, long dlqDepth) {
        public Listing {
            entries = List.copyOf(entries);
            counts = java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
        }
    }

    /** Receives everything reachable, looks each command up, releases everything. */
    public Listing list(int visibilitySeconds) {
        long depth = dlq.depth().total();
        Map<String, DeadLetterMessage> seen = new LinkedHashMap<>();
        try {
            int idle = 0;
            while (idle < 2) {
                boolean fresh = false;
                for (DeadLetterMessage message : dlq.receive(visibilitySeconds)) {
                    fresh |= seen.put(message.messageId(), message) == null;
                }
                idle = fresh ? 0 : idle + 1;
            }
        } finally {
            dlq.release(seen.values());
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (DeadLetterMessage message : seen.values()) {
            String status = statuses.statusOf(message);
            counts.merge(status, 1, Integer::sum);
            entries.add(new Entry(
                    message.messageId(),
                    message.commandId(),
                    message.userId(),
                    message.groupId(),
                    message.commandType(),
                    message.age(clock.instant()),
                    message.receiveCount(),
                    status));
        }
        return new Listing(entries, counts, depth);
    }
}
