package dev.tally.local.sqs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The queues and their semantics, behind one lock: sends, receives with FIFO group blocking and
 * long polls, visibility, deletes, deduplication, redrive and move tasks. Each change is written
 * to the {@link Journal} before the call returns.
 */
final class Broker implements AutoCloseable {

    static final long DEDUPLICATION_WINDOW_MILLIS = TimeUnit.MINUTES.toMillis(5);
    static final int MAX_VISIBILITY_TIMEOUT = 43_200;

    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");
    private static final Pattern GROUP_OR_DEDUP_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern DATA_TYPE = Pattern.compile("(String|Number|Binary)(\\..{1,250})?");

    /** Settable attributes and their defaults (null: no default, reported only when set). */
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("DelaySeconds", "0");
        DEFAULTS.put("MaximumMessageSize", "1048576");
        DEFAULTS.put("MessageRetentionPeriod", "345600");
        DEFAULTS.put("ReceiveMessageWaitTimeSeconds", "0");
        DEFAULTS.put("VisibilityTimeout", "30");
        DEFAULTS.put("SqsManagedSseEnabled", "true");
        DEFAULTS.put("Policy", null);
        DEFAULTS.put("RedrivePolicy", null);
        DEFAULTS.put("RedriveAllowPolicy", null);
        DEFAULTS.put("KmsMasterKeyId", null);
        DEFAULTS.put("KmsDataKeyReusePeriodSeconds", null);
        DEFAULTS.put("FifoQueue", null);
        DEFAULTS.put("ContentBasedDeduplication", null);
        DEFAULTS.put("DeduplicationScope", null);
        DEFAULTS.put("FifoThroughputLimit", null);
    }

    private static final Set<String> FIFO_ONLY =
            Set.of("FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");
    private static final List<String> READ_ONLY = List.of(
            "QueueArn",
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed",
            "CreatedTimestamp",
            "LastModifiedTimestamp");

    /** What a send asks for. */
    record SendInput(
            String body,
            Integer delaySeconds,
            SortedMap<String, MessageAttribute> attributes,
            String traceHeader,
            String deduplicationId,
            String groupId) {}

    /** What a send answers. */
    record SendResult(
            String messageId, String md5OfBody, String md5OfAttributes, String sequenceNumber, String traceHeader) {}

    /** One received message with the receipt handle of this receive and the receive count it made. */
    record Received(QueuedMessage message, String receiptHandle, int receiveCount, long firstReceiveMillis) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Queue> queues = new TreeMap<>();
    private final Clock clock;
    private final String region;
    private final String account;
    private final MoveTasks moveTasks;
    private volatile String baseUrl = "http://127.0.0.1";
    private Journal journal = Journal.NONE;

    Broker(Clock clock, String region, String account) {
        this.clock = clock;
        this.region = region;
        this.account = account;
        this.moveTasks = new MoveTasks(this);
    }

    void baseUrl(String url) {
        this.baseUrl = url;
    }

    void journal(Journal journal) {
        this.journal = journal;
    }

    ReentrantLock lock() {
        return lock;
    }

    Clock clock() {
        return clock;
    }

    String account() {
        return account;
    }

    Map<String, Queue> queues() {
        return queues;
    }

    String url(Queue queue) {
        return baseUrl + "/" + account + "/" + queue.name;
    }

    String arn(String name) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }

    // ---- queues ----

    String createQueue(String name, Map<String, String> given) {
        if (name == null) {
            throw SqsError.missingParameter("QueueName");
        }
        boolean fifo = given.containsKey("FifoQueue") && "true".equalsIgnoreCase(given.get("FifoQueue"));
        if (fifo
                ? !FIFO_NAME.matcher(name).matches()
                : !QUEUE_NAME.matcher(name).matches()) {
            throw SqsError.invalidParameter(
                    fifo
                            ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores,"
                                    + " must end with .fifo suffix and be 1 to 80 in length."
                            : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        lock.lock();
        try {
            Map<String, String> attributes = normalise(given, fifo, true);
            Queue existing = queues.get(name);
            if (existing != null) {
                for (Map.Entry<String, String> entry : attributes.entrySet()) {
                    if (given.containsKey(entry.getKey())
                            && !entry.getValue().equals(existing.attributes.get(entry.getKey()))) {
                        throw SqsError.sender(
                                "QueueNameExists",
                                "QueueAlreadyExists",
                                "A queue already exists with the same name and a different value for attribute "
                                        + entry.getKey());
                    }
                }
                return url(existing);
            }
            long now = clock.millis();
            journal.queueCreated(name, attributes, now);
            Queue queue = new Queue(name, arn(name), attributes, now, lock.newCondition());
            queues.put(name, queue);
            return url(queue);
        } finally {
            lock.unlock();
        }
    }

    /** Re-creates a stored queue (restore). */
    Queue restoreQueue(String name, Map<String, String> attributes, long createdMillis) {
        Queue queue = new Queue(name, arn(name), attributes, createdMillis, lock.newCondition());
        queues.put(name, queue);
        return queue;
    }

    /**
     * Validates and normalises settable attributes, with defaults filled in when {@code create}.
     */
    private Map<String, String> normalise(Map<String, String> given, boolean fifo, boolean create) {
        Map<String, String> result = new LinkedHashMap<>();
        if (create) {
            DEFAULTS.forEach((key, value) -> {
                if (value != null) {
                    result.put(key, value);
                }
            });
            if (fifo) {
                result.put("FifoQueue", "true");
                result.put("ContentBasedDeduplication", "false");
                result.put("DeduplicationScope", "queue");
                result.put("FifoThroughputLimit", "perQueue");
            }
        }
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue().trim();
            if (!DEFAULTS.containsKey(key)
                    || (!fifo
                            && FIFO_ONLY.contains(key)
                            && !(key.equals("FifoQueue") && value.equalsIgnoreCase("false")))) {
                throw SqsError.sender("InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute " + key + ".");
            }
            switch (key) {
                case "DelaySeconds" -> result.put(key, ranged(key, value, 0, 900));
                case "MaximumMessageSize" -> result.put(key, ranged(key, value, 1024, 1_048_576));
                case "MessageRetentionPeriod" -> result.put(key, ranged(key, value, 60, 1_209_600));
                case "ReceiveMessageWaitTimeSeconds" -> result.put(key, ranged(key, value, 0, 20));
                case "VisibilityTimeout" -> result.put(key, ranged(key, value, 0, MAX_VISIBILITY_TIMEOUT));
                case "KmsDataKeyReusePeriodSeconds" -> result.put(key, ranged(key, value, 60, 86_400));
                case "SqsManagedSseEnabled", "ContentBasedDeduplication" -> result.put(key, bool(key, value));
                case "FifoQueue" -> {
                    if (!create && !value.equalsIgnoreCase(String.valueOf(fifo))) {
                        throw SqsError.sender(
                                "InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute FifoQueue.");
                    }
                    if (fifo) {
                        result.put(key, "true");
                    }
                }
                case "DeduplicationScope" -> result.put(key, oneOf(key, value, "queue", "messageGroup"));
                case "FifoThroughputLimit" -> result.put(key, oneOf(key, value, "perQueue", "perMessageGroupId"));
                case "RedrivePolicy" -> {
                    if (value.isEmpty()) {
                        result.put(key, "");
                    } else {
                        RedrivePolicy policy = RedrivePolicy.parse(value);
                        Queue target = queueByArnOrNull(policy.deadLetterTargetArn());
                        if (target == null) {
                            throw SqsError.invalidParameter(
                                    "Value " + value
                                            + " for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.");
                        }
                        if (target.fifo != fifo) {
                            throw SqsError.invalidParameter("Value " + value
                                    + " for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same"
                                    + " type of queue as the source..");
                        }
                        result.put(key, policy.text());
                    }
                }
                default -> result.put(key, value);
            }
        }
        return result;
    }

    private static String ranged(String key, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return Long.toString(number);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw SqsError.sender(
                "InvalidAttributeValue", "InvalidAttributeValue", "Invalid value for the parameter " + key + ".");
    }

    private static String bool(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.toLowerCase(java.util.Locale.ROOT);
        }
        throw SqsError.sender(
                "InvalidAttributeValue", "InvalidAttributeValue", "Invalid value for the parameter " + key + ".");
    }

    private static String oneOf(String key, String value, String... allowed) {
        for (String option : allowed) {
            if (option.equals(value)) {
                return value;
            }
        }
        throw SqsError.sender(
                "InvalidAttributeValue", "InvalidAttributeValue", "Invalid value for the parameter " + key + ".");
    }

    String queueUrl(String name) {
        if (name == null) {
            throw SqsError.missingParameter("QueueName");
        }
        lock.lock();
        try {
            Queue queue = queues.get(name);
            if (queue == null) {
                throw SqsError.queueDoesNotExist();
            }
            return url(queue);
        } finally {
            lock.unlock();
        }
    }

    List<String> listQueues(String prefix) {
        lock.lock();
        try {
            List<String> urls = new ArrayList<>();
            for (Queue queue : queues.values()) {
                if (prefix == null || queue.name.startsWith(prefix)) {
                    urls.add(url(queue));
                }
            }
            return urls;
        } finally {
            lock.unlock();
        }
    }

    void deleteQueue(String url) {
        lock.lock();
        try {
            Queue queue = queue(url);
            journal.queueDeleted(queue.name);
            queues.remove(queue.name);
            queue.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void purge(String url) {
        lock.lock();
        try {
            Queue queue = queue(url);
            journal.purged(queue.name);
            queue.messages.clear();
            queue.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    Map<String, String> attributes(String url, List<String> names) {
        lock.lock();
        try {
            Queue queue = queue(url);
            Set<String> wanted = new HashSet<>(names);
            for (String name : names) {
                if (!name.equals("All") && !DEFAULTS.containsKey(name) && !READ_ONLY.contains(name)) {
                    throw SqsError.sender(
                            "InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute " + name + ".");
                }
            }
            boolean all = wanted.contains("All");
            long now = clock.millis();
            int visible = 0;
            int inFlight = 0;
            int delayed = 0;
            for (QueuedMessage message : queue.messages.values()) {
                if (message.visible(now)) {
                    visible++;
                } else if (message.inFlight) {
                    inFlight++;
                } else {
                    delayed++;
                }
            }
            Map<String, String> all0 = new LinkedHashMap<>();
            all0.put("QueueArn", queue.arn);
            all0.put("ApproximateNumberOfMessages", Integer.toString(visible));
            all0.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(inFlight));
            all0.put("ApproximateNumberOfMessagesDelayed", Integer.toString(delayed));
            all0.put("CreatedTimestamp", Long.toString(queue.createdMillis / 1000));
            all0.put("LastModifiedTimestamp", Long.toString(queue.lastModifiedMillis / 1000));
            all0.putAll(queue.attributes);
            Map<String, String> result = new LinkedHashMap<>();
            all0.forEach((key, value) -> {
                if (all || wanted.contains(key)) {
                    result.put(key, value);
                }
            });
            return result;
        } finally {
            lock.unlock();
        }
    }

    void setAttributes(String url, Map<String, String> given) {
        lock.lock();
        try {
            Queue queue = queue(url);
            Map<String, String> changes = normalise(given, queue.fifo, false);
            long now = clock.millis();
            journal.attributesSet(queue.name, changes, now);
            queue.setAttributes(changes, now);
            queue.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<String> deadLetterSources(String url) {
        lock.lock();
        try {
            Queue target = queue(url);
            List<String> sources = new ArrayList<>();
            for (Queue queue : queues.values()) {
                if (queue.redrivePolicy != null
                        && queue.redrivePolicy.deadLetterTargetArn().equals(target.arn)) {
                    sources.add(url(queue));
                }
            }
            return sources;
        } finally {
            lock.unlock();
        }
    }

    boolean fifo(String url) {
        lock.lock();
        try {
            return queue(url).fifo;
        } finally {
            lock.unlock();
        }
    }

    /** The queue a URL (or bare name) names; caller holds the lock. */
    Queue queue(String url) {
        if (url == null || url.isEmpty()) {
            throw SqsError.missingParameter("QueueUrl");
        }
        String name = url.substring(url.lastIndexOf('/') + 1);
        Queue queue = queues.get(name);
        if (queue == null) {
            throw SqsError.queueDoesNotExist();
        }
        return queue;
    }

    Queue queueByArnOrNull(String arn) {
        if (arn == null) {
            return null;
        }
        Queue queue = queues.get(arn.substring(arn.lastIndexOf(':') + 1));
        return queue != null && queue.arn.equals(arn) ? queue : null;
    }

    // ---- messages ----

    SendResult send(String url, SendInput input) {
        lock.lock();
        try {
            Queue queue = queue(url);
            validate(queue, input);
            long now = clock.millis();
            String groupId = input.groupId();
            String deduplicationId = input.deduplicationId();
            String key = null;
            if (queue.fifo) {
                if (deduplicationId == null) {
                    deduplicationId = Md5s.sha256Hex(input.body());
                }
                key = queue.deduplicationPerGroup() ? groupId + "\u0000" + deduplicationId : deduplicationId;
                expireDeduplication(queue, now);
                Queue.Deduplication earlier = queue.deduplication.get(key);
                if (earlier != null && earlier.sentMillis() + DEDUPLICATION_WINDOW_MILLIS > now) {
                    return new SendResult(
                            earlier.messageId(),
                            Md5s.ofBody(input.body()),
                            Md5s.ofAttributes(input.attributes()),
                            earlier.sequenceNumber(),
                            input.traceHeader());
                }
            }
            QueuedMessage message = new QueuedMessage(
                    newId(),
                    input.body(),
                    input.attributes(),
                    input.traceHeader(),
                    groupId,
                    queue.fifo ? deduplicationId : null,
                    queue.fifo ? queue.nextSequenceNumber() : null,
                    now,
                    null);
            int delay = input.delaySeconds() != null ? input.delaySeconds() : queue.delaySeconds();
            message.visibleAtMillis = now + delay * 1000L;
            journal.sent(queue.name, message);
            queue.messages.put(message.id, message);
            if (key != null) {
                queue.deduplication.put(
                        key,
                        new Queue.Deduplication(
                                message.id, message.sequenceNumber, now, message.md5OfBody, message.md5OfAttributes));
            }
            queue.changed.signalAll();
            journal.maybeCompact(queues, now);
            return new SendResult(
                    message.id,
                    message.md5OfBody,
                    message.md5OfAttributes,
                    message.sequenceNumber,
                    message.traceHeader);
        } finally {
            lock.unlock();
        }
    }

    /** Adds a stored message back (restore), keeping its deduplication entry while inside the window. */
    void restoreMessage(Queue queue, QueuedMessage message) {
        queue.messages.put(message.id, message);
        queue.sawSequenceNumber(message.sequenceNumber);
        if (queue.fifo && message.deduplicationId != null && message.deadLetterSourceArn == null) {
            String key = queue.deduplicationPerGroup()
                    ? message.groupId + "\u0000" + message.deduplicationId
                    : message.deduplicationId;
            queue.deduplication.putIfAbsent(
                    key,
                    new Queue.Deduplication(
                            message.id,
                            message.sequenceNumber,
                            message.sentMillis,
                            message.md5OfBody,
                            message.md5OfAttributes));
        }
    }

    private static void expireDeduplication(Queue queue, long now) {
        if (queue.deduplication.size() < 256) {
            return;
        }
        queue.deduplication.values().removeIf(entry -> entry.sentMillis() + DEDUPLICATION_WINDOW_MILLIS <= now);
    }

    private static void validate(Queue queue, SendInput input) {
        String body = input.body();
        if (body == null) {
            throw SqsError.missingParameter("MessageBody");
        }
        if (body.isEmpty()) {
            throw SqsError.missingParameter("MessageBody");
        }
        int invalid = invalidCharacter(body);
        if (invalid >= 0) {
            throw SqsError.sender(
                    "InvalidMessageContents",
                    "InvalidMessageContents",
                    "Invalid binary character '#x"
                            + Integer.toHexString(invalid).toUpperCase(java.util.Locale.ROOT)
                            + "' was found in the message body, the set of allowed characters is #x9 | #xA | #xD |"
                            + " #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
        }
        int size = Md5s.utf8Length(body);
        if (input.attributes().size() > 10) {
            throw SqsError.invalidParameter("Number of message attributes ["
                    + input.attributes().size() + "] exceeds the allowed maximum [10].");
        }
        for (Map.Entry<String, MessageAttribute> entry : input.attributes().entrySet()) {
            validateAttribute(entry.getKey(), entry.getValue());
            size += entry.getValue().size(entry.getKey());
        }
        if (size > queue.maximumMessageSize()) {
            throw SqsError.invalidParameter("One or more parameters are invalid. Reason: Message must be shorter than "
                    + queue.maximumMessageSize() + " bytes.");
        }
        if (input.delaySeconds() != null) {
            if (queue.fifo) {
                throw SqsError.invalidParameter(
                        "DelaySeconds",
                        input.delaySeconds().toString(),
                        "The request include parameter that is not valid for this queue type");
            }
            if (input.delaySeconds() < 0 || input.delaySeconds() > 900) {
                throw SqsError.invalidParameter(
                        "DelaySeconds", input.delaySeconds().toString(), "DelaySeconds must be >= 0 and <= 900");
            }
        }
        if (queue.fifo) {
            if (input.groupId() == null) {
                throw SqsError.missingParameter("MessageGroupId");
            }
            if (input.deduplicationId() == null && !queue.contentBasedDeduplication()) {
                throw SqsError.invalidParameter("The queue should either have ContentBasedDeduplication enabled or"
                        + " MessageDeduplicationId provided explicitly");
            }
        } else if (input.deduplicationId() != null) {
            throw SqsError.invalidParameter(
                    "MessageDeduplicationId",
                    input.deduplicationId(),
                    "The request include parameter that is not valid for this queue type");
        }
        if (input.groupId() != null
                && !GROUP_OR_DEDUP_ID.matcher(input.groupId()).matches()) {
            throw SqsError.invalidParameter(
                    "MessageGroupId",
                    input.groupId(),
                    "MessageGroupId can only include alphanumeric and punctuation"
                            + " characters. 1 to 128 in length.");
        }
        if (input.deduplicationId() != null
                && !GROUP_OR_DEDUP_ID.matcher(input.deduplicationId()).matches()) {
            throw SqsError.invalidParameter(
                    "MessageDeduplicationId",
                    input.deduplicationId(),
                    "MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in"
                            + " length.");
        }
    }

    private static void validateAttribute(String name, MessageAttribute attribute) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (!ATTRIBUTE_NAME.matcher(name).matches()
                || lower.startsWith("aws.")
                || lower.startsWith("amazon.")
                || name.startsWith(".")
                || name.endsWith(".")
                || name.contains("..")) {
            throw SqsError.invalidParameter("Message (user) attribute name '" + name + "' is invalid.");
        }
        String type = attribute.dataType();
        if (type == null || type.isEmpty()) {
            throw SqsError.invalidParameter(
                    "The message attribute '" + name + "' must contain non-empty message attribute type.");
        }
        if (!DATA_TYPE.matcher(type).matches()) {
            throw SqsError.invalidParameter("The type of message (user) attribute '" + name + "' is invalid. You must"
                    + " use only the following supported type prefixes: Binary, Number, String.");
        }
        if (attribute.binary()) {
            if (attribute.binaryValue() == null || attribute.binaryValue().length == 0) {
                throw SqsError.invalidParameter(
                        "The message attribute '" + name + "' with type 'Binary' must use field 'Binary'.");
            }
        } else {
            String value = attribute.stringValue();
            if (value == null || value.isEmpty()) {
                throw SqsError.invalidParameter("The message attribute '" + name + "' with type '"
                        + (type.startsWith("Number") ? "Number" : "String") + "' must use field 'String'.");
            }
            if (invalidCharacter(value) >= 0) {
                throw SqsError.invalidParameter("The message attribute '" + name + "' contains invalid characters.");
            }
            if (type.startsWith("Number")) {
                try {
                    new java.math.BigDecimal(value.trim());
                } catch (NumberFormatException e) {
                    throw SqsError.invalidParameter(
                            "Can't cast the value of message (user) attribute '" + name + "' to a number.");
                }
            }
        }
    }

    /** The first code point SQS refuses in a message, or -1. */
    static int invalidCharacter(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean ok = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!ok) {
                return c;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    /**
     * Receives up to {@code max} messages, waiting up to {@code waitSeconds} (null: the queue's
     * default) for the first to arrive and returning as soon as one has.
     */
    List<Received> receive(String url, int max, Integer visibilitySeconds, Integer waitSeconds) {
        if (max < 1 || max > 10) {
            throw SqsError.invalidParameter(
                    "MaxNumberOfMessages", Integer.toString(max), "Must be between 1 and 10, if provided");
        }
        if (visibilitySeconds != null && (visibilitySeconds < 0 || visibilitySeconds > MAX_VISIBILITY_TIMEOUT)) {
            throw SqsError.invalidParameter(
                    "VisibilityTimeout",
                    visibilitySeconds.toString(),
                    "Must be >= 0 and <= " + MAX_VISIBILITY_TIMEOUT + ", if provided.");
        }
        if (waitSeconds != null && (waitSeconds < 0 || waitSeconds > 20)) {
            throw SqsError.invalidParameter(
                    "WaitTimeSeconds", waitSeconds.toString(), "Must be >= 0 and <= 20, if provided.");
        }
        lock.lock();
        try {
            Queue queue = queue(url);
            int wait = waitSeconds != null ? waitSeconds : queue.receiveWaitTimeSeconds();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
            String name = queue.name;
            while (true) {
                long[] nextChange = {Long.MAX_VALUE};
                List<Received> received = take(queue, max, visibilitySeconds, nextChange);
                if (!received.isEmpty()) {
                    return received;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return received;
                }
                long untilChange = nextChange[0] == Long.MAX_VALUE
                        ? remaining
                        : TimeUnit.MILLISECONDS.toNanos(Math.max(1, nextChange[0] - clock.millis()));
                try {
                    queue.changed.awaitNanos(Math.min(remaining, untilChange));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
                queue = queues.get(name);
                if (queue == null) {
                    throw SqsError.queueDoesNotExist();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** One pass over the queue in send order; caller holds the lock. */
    private List<Received> take(Queue queue, int max, Integer visibilitySeconds, long[] nextChange) {
        long now = clock.millis();
        int visibility = visibilitySeconds != null ? visibilitySeconds : queue.visibilityTimeout();
        List<Received> result = new ArrayList<>();
        Set<String> blockedGroups = queue.fifo ? new HashSet<>() : Collections.emptySet();
        if (queue.fifo) {
            // a group is blocked while any of its messages is in flight, wherever it stands in the group
            for (QueuedMessage message : queue.messages.values()) {
                if (message.inFlight && !message.visible(now)) {
                    blockedGroups.add(message.groupId);
                    nextChange[0] = Math.min(nextChange[0], message.visibleAtMillis);
                }
            }
        }
        List<QueuedMessage> toDeadLetter = new ArrayList<>();
        long retention = queue.retentionMillis();
        for (Iterator<QueuedMessage> it = queue.messages.values().iterator(); it.hasNext() && result.size() < max; ) {
            QueuedMessage message = it.next();
            if (message.sentMillis + retention <= now) {
                journal.deleted(queue.name, message.id);
                it.remove();
                continue;
            }
            if (queue.fifo && blockedGroups.contains(message.groupId)) {
                continue;
            }
            if (!message.visible(now)) {
                nextChange[0] = Math.min(nextChange[0], message.visibleAtMillis);
                if (queue.fifo) {
                    blockedGroups.add(message.groupId);
                }
                continue;
            }
            RedrivePolicy redrive = queue.redrivePolicy;
            if (redrive != null && message.receiveCount >= redrive.maxReceiveCount()) {
                Queue target = queueByArnOrNull(redrive.deadLetterTargetArn());
                if (target != null) {
                    toDeadLetter.add(message);
                    it.remove();
                    continue;
                }
            }
            message.receiveCount++;
            if (message.firstReceiveMillis == 0) {
                message.firstReceiveMillis = now;
            }
            message.inFlight = true;
            message.visibleAtMillis = now + visibility * 1000L;
            message.receiveNonce = ThreadLocalRandom.current().nextLong();
            journal.received(queue.name, message);
            result.add(new Received(
                    message,
                    handle(message.id, message.receiveNonce),
                    message.receiveCount,
                    message.firstReceiveMillis));
        }
        for (QueuedMessage message : toDeadLetter) {
            Queue target = queueByArnOrNull(queue.redrivePolicy.deadLetterTargetArn());
            journal.deleted(queue.name, message.id);
            enqueueCopy(target, message, queue.arn);
        }
        return result;
    }

    /** Puts a copy of {@code message} at the end of {@code target}, bypassing deduplication; caller holds the lock. */
    void enqueueCopy(Queue target, QueuedMessage message, String sourceArn) {
        QueuedMessage copy = message.copyFor(target.fifo ? target.nextSequenceNumber() : null, sourceArn);
        copy.visibleAtMillis = 0;
        journal.sent(target.name, copy);
        target.messages.put(copy.id, copy);
        target.changed.signalAll();
    }

    /** Records that a message left a queue other than by a delete; caller holds the lock. */
    void journalDeleted(Queue queue, QueuedMessage message) {
        journal.deleted(queue.name, message.id);
        queue.changed.signalAll();
    }

    void delete(String url, String receiptHandle) {
        lock.lock();
        try {
            Queue queue = queue(url);
            Handle handle = parse(receiptHandle);
            QueuedMessage message = queue.messages.get(handle.messageId());
            if (message == null || message.receiveNonce != handle.nonce()) {
                // already deleted, or a receipt handle of an earlier receive: SQS answers success
                return;
            }
            journal.deleted(queue.name, message.id);
            queue.messages.remove(message.id);
            queue.changed.signalAll();
            journal.maybeCompact(queues, clock.millis());
        } finally {
            lock.unlock();
        }
    }

    void changeVisibility(String url, String receiptHandle, Integer seconds) {
        if (seconds == null) {
            throw SqsError.missingParameter("VisibilityTimeout");
        }
        lock.lock();
        try {
            Queue queue = queue(url);
            Handle handle = parse(receiptHandle);
            if (seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT) {
                throw SqsError.invalidParameter(
                        "VisibilityTimeout",
                        seconds.toString(),
                        "VisibilityTimeout must be an integer between 0 and " + MAX_VISIBILITY_TIMEOUT);
            }
            QueuedMessage message = queue.messages.get(handle.messageId());
            long now = clock.millis();
            if (message == null || message.receiveNonce != handle.nonce()) {
                throw SqsError.invalidParameter("Value " + receiptHandle + " for parameter ReceiptHandle is invalid."
                        + " Reason: Message does not exist or is not available for visibility timeout change.");
            }
            if (!message.inFlight || message.visible(now)) {
                throw SqsError.sender(
                        "MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", "Message not inflight.");
            }
            message.visibleAtMillis = now + seconds * 1000L;
            if (seconds == 0) {
                message.inFlight = false;
            }
            queue.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- move tasks ----

    MoveTasks moveTasks() {
        return moveTasks;
    }

    // ---- receipt handles and ids ----

    record Handle(String messageId, long nonce) {}

    static String handle(String messageId, long nonce) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((messageId + " " + Long.toHexString(nonce)).getBytes(StandardCharsets.UTF_8));
    }

    static Handle parse(String receiptHandle) {
        if (receiptHandle == null || receiptHandle.isEmpty()) {
            throw SqsError.missingParameter("ReceiptHandle");
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(receiptHandle), StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            if (space > 0) {
                return new Handle(text.substring(0, space), Long.parseUnsignedLong(text.substring(space + 1), 16));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw SqsError.receiptHandleIsInvalid(receiptHandle);
    }

    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    /** Counts of what a queue holds (for tests and move tasks); caller holds the lock. */
    static Map<String, Integer> depth(Queue queue, long now) {
        Map<String, Integer> depth = new HashMap<>();
        for (QueuedMessage message : queue.messages.values()) {
            depth.merge(message.visible(now) ? "visible" : message.inFlight ? "inFlight" : "delayed", 1, Integer::sum);
        }
        return depth;
    }

    @Override
    public void close() {
        moveTasks.close();
        lock.lock();
        try {
            for (Queue queue : queues.values()) {
                queue.changed.signalAll();
            }
            journal.close();
        } finally {
            lock.unlock();
        }
    }
}
