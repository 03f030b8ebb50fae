package dev.tally.ops.projection;

import dev.tally.common.projection.SummaryRebuilder;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code projection replay-failures}: for each on-failure record in the projection's failures queue,
 * reads the discarded range from the stream ({@code AT_SEQUENCE_NUMBER} up to its last sequence
 * number), collects the users it touched, verifies them and rebuilds those not clean, and deletes the
 * record only when every one of them then verifies clean. When the range has left the stream
 * ({@code TrimmedDataAccessException}: older than 24 hours) it says so and checks every user instead.
 * See {@code docs/adr/0132-stream-failure-replay.md}.
 */
public final class FailureReplayer {

    private static final int VISIBILITY_SECONDS = 300;

    private final SqsClient sqs;
    private final String failuresQueueUrl;
    private final DynamoDbStreamsClient streams;
    private final SummaryAudit audit;
    private final SummaryRebuilder rebuilder;
    private final Supplier<SortedSet<String>> everyUser;
    private final Clock clock;
    private final PrintWriter out;
    private SortedSet<String> allUsers;

    /** A replayer of {@code failuresQueueUrl}'s records; {@code everyUser} is asked at most once. */
    public FailureReplayer(
            SqsClient sqs,
            String failuresQueueUrl,
            DynamoDbStreamsClient streams,
            SummaryAudit audit,
            SummaryRebuilder rebuilder,
            Supplier<SortedSet<String>> everyUser,
            Clock clock,
            PrintWriter out) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.failuresQueueUrl = Objects.requireNonNull(failuresQueueUrl, "failuresQueueUrl");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.rebuilder = Objects.requireNonNull(rebuilder, "rebuilder");
        this.everyUser = Objects.requireNonNull(everyUser, "everyUser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * What the run did.
     *
     * @param records  on-failure records read
     * @param cleared  records deleted because their users verify clean
     * @param kept     records left in the queue (a user not clean, unreadable, or a dry run)
     * @param rebuilt  users rebuilt
     * @param expired  records whose stream data had expired
     */
    public record Result(int records, int cleared, int kept, int rebuilt, int expired) {
        /** {@code records=N cleared=N kept=N rebuilt=N expired=N}. */
        public String counts() {
            return "records=" + records + " cleared=" + cleared + " kept=" + kept + " rebuilt=" + rebuilt + " expired="
                    + expired;
        }
    }

    /** Handles every record in the queue; {@code dryRun} reads and verifies only. */
    public Result run(boolean dryRun) {
        Map<String, Message> seen = new LinkedHashMap<>();
        int records = 0;
        int cleared = 0;
        int rebuilt = 0;
        int expired = 0;
        List<Message> keep = new ArrayList<>();
        int idle = 0;
        while (idle < 2) {
            List<Message> batch = sqs.receiveMessage(request -> request.queueUrl(failuresQueueUrl)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(VISIBILITY_SECONDS)
                            .waitTimeSeconds(1))
                    .messages();
            boolean fresh = false;
            for (Message message : batch) {
                if (seen.put(message.messageId(), message) != null) {
                    continue;
                }
                fresh = true;
                records++;
                Optional<StreamFailureRecord> parsed = StreamFailureRecord.parse(message.body());
                if (parsed.isEmpty()) {
                    out.println("record " + message.messageId()
                            + ": not a DynamoDB stream on-failure record; left in the queue");
                    keep.add(message);
                    continue;
                }
                Handled handled = handle(message.messageId(), parsed.get(), dryRun);
                rebuilt += handled.rebuilt();
                expired += handled.expired() ? 1 : 0;
                if (handled.clean() && !dryRun) {
                    sqs.deleteMessage(
                            request -> request.queueUrl(failuresQueueUrl).receiptHandle(message.receiptHandle()));
                    cleared++;
                    out.println("record " + message.messageId() + ": every user verifies clean; deleted");
                } else {
                    keep.add(message);
                    out.println(
                            "record " + message.messageId() + ": " + (dryRun ? "dry run; " : "") + "left in the queue");
                }
            }
            idle = fresh ? 0 : idle + 1;
        }
        for (Message message : keep) {
            sqs.changeMessageVisibility(request -> request.queueUrl(failuresQueueUrl)
                    .receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }
        return new Result(records, cleared, keep.size(), rebuilt, expired);
    }

    private record Handled(boolean clean, int rebuilt, boolean expired) {}

    private Handled handle(String messageId, StreamFailureRecord record, boolean dryRun) {
        out.println("record " + messageId + ": shard " + record.shardId() + " sequence " + record.firstSequence() + ".."
                + record.lastSequence() + " (" + record.batchSize() + " record(s)); " + deadline(record));
        SortedSet<String> users;
        boolean expired = false;
        try {
            users = usersIn(record);
            out.println("  users touched: " + users.size());
        } catch (TrimmedDataAccessException | ResourceNotFoundException gone) {
            expired = true;
            users = everyUser();
            out.println("  its stream data has EXPIRED (" + gone.getClass().getSimpleName() + "): the users it touched "
                    + "cannot be known; verifying EVERY user instead (" + users.size() + ")");
        }
        boolean clean = true;
        int rebuilt = 0;
        for (String user : users) {
            UserCheck check = audit.check(user);
            if (check.state() != UserCheck.State.CLEAN && !dryRun) {
                try {
                    rebuilder.rebuild(user);
                    rebuilt++;
                    check = audit.check(user);
                } catch (RuntimeException failed) {
                    check = new UserCheck(user, UserCheck.State.FAILED, List.of(), SummaryAudit.describe(failed));
                }
            }
            if (check.state() != UserCheck.State.CLEAN) {
                clean = false;
                out.println("  user " + user + ": " + check.state()
                        + (check.detail() == null ? "" : " (" + check.detail() + ")"));
            } else if (expired && rebuilt > 0) {
                // reported in the counts
            }
        }
        return new Handled(clean, rebuilt, expired);
    }

    private SortedSet<String> everyUser() {
        if (allUsers == null) {
            allUsers = everyUser.get();
        }
        return allUsers;
    }

    private SortedSet<String> usersIn(StreamFailureRecord record) {
        SortedSet<String> users = new TreeSet<>();
        String iterator = streams.getShardIterator(request -> request.streamArn(record.streamArn())
                        .shardId(record.shardId())
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .sequenceNumber(record.firstSequence().toString()))
                .shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page =
                    streams.getRecords(request -> request.shardIterator(current).limit(1000));
            if (page.records().isEmpty()) {
                return users;
            }
            for (Record change : page.records()) {
                if (new BigInteger(change.dynamodb().sequenceNumber()).compareTo(record.lastSequence()) > 0) {
                    return users;
                }
                AttributeValue user = change.dynamodb().keys().get("userId");
                if (user != null && user.s() != null) {
                    users.add(user.s());
                }
            }
            iterator = page.nextShardIterator();
        }
        return users;
    }

    private String deadline(StreamFailureRecord record) {
        Instant expiresAt = record.expiresAt();
        if (expiresAt == null) {
            return "stream data expiry unknown (no arrival time)";
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative()
                ? "stream data expired at " + expiresAt + " (" + human(left.negated()) + " ago)"
                : "stream data expires at " + expiresAt + " (in " + human(left) + ")";
    }

    private static String human(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes < 120 ? minutes + "m" : duration.toHours() + "h" + (minutes % 60) + "m";
    }
}
