package dev.tally.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The same SDK calls against the embedded SQS and against moto's server, outcome by outcome: what
 * SQS defines (bodies and their order, FIFO blocking, deduplication, receive counts, redrive, the
 * MD5 digests, error codes, batch results, attribute values) must agree. Where moto is known to
 * differ from SQS itself, the scenario names the key and why in {@link #KNOWN}; everything else
 * that differs fails the test. Nothing here is timed: every receive has WaitTimeSeconds 0.
 */
class SqsDifferentialIT {

    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";

    /** Keys whose values moto answers differently from SQS, per scenario, with the reason. */
    private static final Map<String, Map<String, String>> KNOWN = Map.of(
            "deduplication",
            Map.of(
                    "sameMessageId",
                    "SQS answers a duplicate inside the 5-minute window with the first message's id; moto 5.2.1 makes"
                            + " a new id (and still delivers only one message, which is compared)",
                    "contentBasedSameId",
                    "the same: with DeduplicationScope=queue a same-body send to another group is a duplicate"),
            "errors",
            Map.of(
                    "fifoNameWithoutAttribute",
                    "SQS refuses a name ending in .fifo without FifoQueue=true (a standard queue name has no dot);"
                            + " moto creates a standard queue",
                    "invalidCharacter",
                    "SQS refuses characters outside #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD |"
                            + " #x10000-#x10FFFF (InvalidMessageContents); moto 5.2.1 accepts U+0001"));

    private static MotoServer moto;
    private static EmbeddedSqsServer embedded;
    private static SqsClient motoClient;
    private static SqsClient embeddedClient;
    private static final AtomicInteger RUN = new AtomicInteger();

    @BeforeAll
    static void start() {
        moto = MotoServer.start(Path.of("target", "differential"));
        embedded = EmbeddedSqsServer.builder().region(REGION).accountId(ACCOUNT).start();
        motoClient = SqsClients.against(moto.endpoint());
        embeddedClient = SqsClients.against(embedded.endpoint());
    }

    @AfterAll
    static void stop() {
        if (motoClient != null) {
            motoClient.close();
            embeddedClient.close();
            embedded.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    /** One client and a name prefix unique to this run of a scenario. */
    record Target(SqsClient sqs, String prefix) {
        String name(String suffix) {
            return prefix + suffix;
        }

        String fifo(String suffix, Map<QueueAttributeName, String> extra) {
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>(extra);
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            return sqs.createQueue(r -> r.queueName(name(suffix) + ".fifo").attributes(attributes))
                    .queueUrl();
        }

        String arn(String url) {
            return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
        }

        List<Message> receive(String url, int max) {
            return sqs.receiveMessage(r -> r.queueUrl(url)
                            .maxNumberOfMessages(max)
                            .waitTimeSeconds(0)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .messageAttributeNames("All"))
                    .messages();
        }

        void sendFifo(String url, String group, String body) {
            sqs.sendMessage(r -> r.queueUrl(url)
                    .messageGroupId(group)
                    .messageDeduplicationId(body)
                    .messageBody(body));
        }
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).toList();
    }

    /** The value, or {@code error:<code>} as the SDK reports it. */
    private static Object outcome(Supplier<?> call) {
        try {
            Object value = call.get();
            return value == null ? "ok" : value;
        } catch (SqsException e) {
            return "error:" + e.awsErrorDetails().errorCode() + ":" + e.statusCode();
        }
    }

    private static String tail(String url) {
        return url.substring(url.lastIndexOf('/', url.lastIndexOf('/') - 1));
    }

    private static Map<String, Function<Target, Map<String, Object>>> scenarios() {
        Map<String, Function<Target, Map<String, Object>>> scenarios = new LinkedHashMap<>();

        scenarios.put("fifo order and group blocking", t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String url = t.fifo("order", Map.of());
            t.sendFifo(url, "a", "a1");
            t.sendFifo(url, "b", "b1");
            t.sendFifo(url, "a", "a2");
            t.sendFifo(url, "b", "b2");
            List<Message> first = t.receive(url, 1);
            out.put("first", bodies(first));
            out.put("whileA1InFlight", new TreeSet<>(bodies(t.receive(url, 10))));
            out.put("allInFlight", bodies(t.receive(url, 10)));
            t.sqs()
                    .deleteMessage(
                            r -> r.queueUrl(url).receiptHandle(first.get(0).receiptHandle()));
            out.put("afterDeleteOfA1", bodies(t.receive(url, 10)));
            return out;
        });

        scenarios.put("deduplication", t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String url = t.fifo("dedup", Map.of());
            var first = t.sqs()
                    .sendMessage(r -> r.queueUrl(url)
                            .messageGroupId("g")
                            .messageDeduplicationId("d")
                            .messageBody("one"));
            var again = t.sqs()
                    .sendMessage(r -> r.queueUrl(url)
                            .messageGroupId("g")
                            .messageDeduplicationId("d")
                            .messageBody("one"));
            out.put("sameMessageId", first.messageId().equals(again.messageId()));
            out.put("sequenceNumberLength", first.sequenceNumber().length());
            out.put("received", bodies(t.receive(url, 10)));
            String content = t.fifo("content", Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
            var c1 = t.sqs()
                    .sendMessage(r -> r.queueUrl(content).messageGroupId("g").messageBody("same"));
            var c2 = t.sqs()
                    .sendMessage(r -> r.queueUrl(content).messageGroupId("h").messageBody("same"));
            out.put("contentBasedSameId", c1.messageId().equals(c2.messageId()));
            out.put(
                    "contentBasedDedupId",
                    t.receive(content, 10).stream()
                            .map(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                            .toList());
            return out;
        });

        scenarios.put("digests", t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String url =
                    t.sqs().createQueue(r -> r.queueName(t.name("digests"))).queueUrl();
            Map<String, MessageAttributeValue> attributes = Map.of(
                    "text",
                            MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("héllo ☃")
                                    .build(),
                    "n",
                            MessageAttributeValue.builder()
                                    .dataType("Number")
                                    .stringValue("12.5")
                                    .build(),
                    "bin",
                            MessageAttributeValue.builder()
                                    .dataType("Binary")
                                    .binaryValue(SdkBytes.fromByteArray(new byte[] {9, 8, 7}))
                                    .build(),
                    "custom",
                            MessageAttributeValue.builder()
                                    .dataType("String.x")
                                    .stringValue("v")
                                    .build());
            var sent = t.sqs()
                    .sendMessage(r -> r.queueUrl(url).messageBody("body 𝄞").messageAttributes(attributes));
            out.put("md5OfBody", sent.md5OfMessageBody());
            out.put("md5OfAttributes", sent.md5OfMessageAttributes());
            Message received = t.receive(url, 1).get(0);
            out.put("receivedMd5OfBody", received.md5OfBody());
            out.put("receivedMd5OfAttributes", received.md5OfMessageAttributes());
            out.put("receivedAttributes", new TreeMap<>(received.messageAttributes()).toString());
            return out;
        });

        scenarios.put("system attributes and receive counts", t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String url = t.fifo("system", Map.of());
            t.sendFifo(url, "g", "m");
            Message first = t.receive(url, 1).get(0);
            out.put("keys", new TreeSet<>(first.attributesAsStrings().keySet()));
            out.put("group", first.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
            out.put("count1", first.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
            t.sqs()
                    .changeMessageVisibility(r ->
                            r.queueUrl(url).receiptHandle(first.receiptHandle()).visibilityTimeout(0));
            Message second = t.receive(url, 1).get(0);
            out.put("count2", second.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
            t.sqs()
                    .changeMessageVisibility(r -> r.queueUrl(url)
                            .receiptHandle(second.receiptHandle())
                            .visibilityTimeout(0));
            out.put("sameId", second.messageId().equals(first.messageId()));
            Message only = t
                    .sqs()
                    .receiveMessage(r -> r.queueUrl(url)
                            .visibilityTimeout(0)
                            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
                    .messages()
                    .stream()
                    .findFirst()
                    .orElse(null);
            out.put(
                    "selectedKeys",
                    only == null
                            ? "none"
                            : new TreeSet<>(only.attributesAsStrings().keySet()));
            return out;
        });

        scenarios.put("redrive", t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String dlq = t.fifo("dead", Map.of());
            String policy = "{\"deadLetterTargetArn\":\"" + t.arn(dlq) + "\",\"maxReceiveCount\":\"1\"}";
            String url = t.fifo("redriven", Map.of(QueueAttributeName.REDRIVE_POLICY, policy));
            t.sendFifo(url, "g", "poison");
            t.sendFifo(url, "g", "next");
            List<Message> first = t.receive(url, 1);
            out.put("first", bodies(first));
            t.sqs()
                    .changeMessageVisibility(r -> r.queueUrl(url)
                            .receiptHandle(first.get(0).receiptHandle())
                            .visibilityTimeout(0));
            out.put("second", bodies(t.receive(url, 1)));
            out.put("deadLetters", bodies(t.receive(dlq, 10)));
            out.put(
                    "sources",
                    t.sqs().listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls().stream()
                            .map(SqsDifferentialIT::tail)
                            .toList());
            out.put(
                    "redrivePolicyMax",
                    t.sqs()
                            .getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                            .attributes()
                            .get(QueueAttributeName.REDRIVE_POLICY)
                            .replace(" ", "")
                            .contains("\"maxReceiveCount\":1"));
            return out;
        });

        scenarios.put("queue attributes", t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String url = t.fifo("attrs", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"));
            t.sendFifo(url, "g", "x");
            t.sendFifo(url, "h", "y");
            t.receive(url, 1);
            Map<QueueAttributeName, String> all = t.sqs()
                    .getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                    .attributes();
            for (QueueAttributeName name : List.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT,
                    QueueAttributeName.FIFO_QUEUE,
                    QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    QueueAttributeName.DELAY_SECONDS,
                    QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                    QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
                    QueueAttributeName.QUEUE_ARN,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)) {
                out.put(name.toString(), String.valueOf(all.get(name)));
            }
            out.put(
                    "sameUrlAgain",
                    outcome(() -> t.sqs()
                            .createQueue(r -> r.queueName(t.name("attrs") + ".fifo")
                                    .attributes(Map.of(
                                            QueueAttributeName.FIFO_QUEUE, "true",
                                            QueueAttributeName.VISIBILITY_TIMEOUT, "45")))
                            .queueUrl()
                            .equals(url)));
            out.put(
                    "differentAttributes",
                    outcome(() -> t.sqs()
                            .createQueue(r -> r.queueName(t.name("attrs") + ".fifo")
                                    .attributes(Map.of(
                                            QueueAttributeName.FIFO_QUEUE, "true",
                                            QueueAttributeName.VISIBILITY_TIMEOUT, "46")))));
            t.sqs()
                    .setQueueAttributes(
                            r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60")));
            out.put(
                    "afterSet",
                    t.sqs()
                            .getQueueAttributes(
                                    r -> r.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                            .attributes()
                            .get(QueueAttributeName.VISIBILITY_TIMEOUT));
            t.sqs().purgeQueue(r -> r.queueUrl(url));
            out.put(
                    "afterPurge",
                    t.sqs()
                            .getQueueAttributes(r ->
                                    r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                            .attributes()
                            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            out.put(
                    "listed",
                    t.sqs().listQueues(r -> r.queueNamePrefix(t.name("attrs"))).queueUrls().stream()
                            .map(SqsDifferentialIT::tail)
                            .toList());
            return out;
        });

        scenarios.put("errors", t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String fifo = t.fifo("errors", Map.of());
            String plain =
                    t.sqs().createQueue(r -> r.queueName(t.name("plain"))).queueUrl();
            out.put("missingQueue", outcome(() -> t.sqs().getQueueUrl(r -> r.queueName(t.name("nope")))));
            out.put(
                    "sendToMissingQueue",
                    outcome(() -> t.sqs()
                            .sendMessage(r -> r.queueUrl(plain.replace(t.name("plain"), t.name("nope")))
                                    .messageBody("x"))));
            out.put(
                    "noGroupId",
                    outcome(() -> t.sqs()
                            .sendMessage(r ->
                                    r.queueUrl(fifo).messageDeduplicationId("d").messageBody("x"))));
            out.put(
                    "noDeduplicationId",
                    outcome(() -> t.sqs()
                            .sendMessage(
                                    r -> r.queueUrl(fifo).messageGroupId("g").messageBody("x"))));
            out.put(
                    "invalidCharacter",
                    outcome(() -> t.sqs().sendMessage(r -> r.queueUrl(plain).messageBody("bad \u0001"))));
            out.put(
                    "tooLarge",
                    outcome(() -> t.sqs().sendMessage(r -> r.queueUrl(plain).messageBody("x".repeat(1_048_577)))));
            out.put(
                    "maxNumberTooLarge",
                    outcome(() -> t.sqs().receiveMessage(r -> r.queueUrl(plain).maxNumberOfMessages(11))));
            out.put(
                    "badReceiptHandle",
                    outcome(() -> t.sqs().deleteMessage(r -> r.queueUrl(plain).receiptHandle("garbage"))));
            out.put(
                    "fifoNameWithoutAttribute",
                    outcome(() -> t.sqs().createQueue(r -> r.queueName(t.name("named") + ".fifo"))));
            out.put(
                    "fifoAttributeWithoutName",
                    outcome(() -> t.sqs()
                            .createQueue(r -> r.queueName(t.name("unnamed"))
                                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))));
            out.put(
                    "tooManyEntries",
                    outcome(() -> t.sqs()
                            .sendMessageBatch(r -> r.queueUrl(plain)
                                    .entries(java.util.stream.IntStream.range(0, 11)
                                            .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                                                    .id("e" + i)
                                                    .messageBody("b")
                                                    .build())
                                            .toList()))));
            out.put(
                    "repeatedIds",
                    outcome(() -> t.sqs()
                            .sendMessageBatch(r -> r.queueUrl(plain)
                                    .entries(
                                            SendMessageBatchRequestEntry.builder()
                                                    .id("same")
                                                    .messageBody("1")
                                                    .build(),
                                            SendMessageBatchRequestEntry.builder()
                                                    .id("same")
                                                    .messageBody("2")
                                                    .build()))));
            return out;
        });

        scenarios.put("batches", t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String url = t.fifo("batches", Map.of());
            out.put(
                    "entryWithoutGroup",
                    outcome(() -> t.sqs()
                            .sendMessageBatch(r -> r.queueUrl(url)
                                    .entries(SendMessageBatchRequestEntry.builder()
                                            .id("noGroup")
                                            .messageBody("3")
                                            .messageDeduplicationId("3")
                                            .build()))));
            var sent = t.sqs()
                    .sendMessageBatch(r -> r.queueUrl(url)
                            .entries(
                                    SendMessageBatchRequestEntry.builder()
                                            .id("one")
                                            .messageBody("1")
                                            .messageGroupId("g")
                                            .messageDeduplicationId("1")
                                            .build(),
                                    SendMessageBatchRequestEntry.builder()
                                            .id("two")
                                            .messageBody("2")
                                            .messageGroupId("g")
                                            .messageDeduplicationId("2")
                                            .build()));
            out.put(
                    "successful",
                    new TreeSet<>(sent.successful().stream().map(e -> e.id()).toList()));
            out.put(
                    "failed",
                    sent.failed().stream()
                            .map(e -> e.id() + ":" + e.code() + ":" + e.senderFault())
                            .toList());
            List<Message> received = t.receive(url, 10);
            out.put("received", bodies(received));
            var visibility = t.sqs()
                    .changeMessageVisibilityBatch(r -> r.queueUrl(url)
                            .entries(ChangeMessageVisibilityBatchRequestEntry.builder()
                                    .id("v")
                                    .receiptHandle(received.get(0).receiptHandle())
                                    .visibilityTimeout(0)
                                    .build()));
            out.put("visibilitySuccessful", visibility.successful().size());
            List<Message> again = t.receive(url, 10);
            out.put("again", bodies(again));
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (int i = 0; i < again.size(); i++) {
                deletes.add(DeleteMessageBatchRequestEntry.builder()
                        .id("d" + i)
                        .receiptHandle(again.get(i).receiptHandle())
                        .build());
            }
            if (deletes.isEmpty()) {
                deletes.add(DeleteMessageBatchRequestEntry.builder()
                        .id("d")
                        .receiptHandle(received.get(1).receiptHandle())
                        .build());
            }
            var deleted = t.sqs().deleteMessageBatch(r -> r.queueUrl(url).entries(deletes));
            out.put("deleted", deleted.successful().size());
            out.put(
                    "remaining",
                    t.sqs()
                            .getQueueAttributes(r -> r.queueUrl(url)
                                    .attributeNames(
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                            .attributes()
                            .toString());
            return out;
        });

        return scenarios;
    }

    @TestFactory
    Stream<DynamicTest> embeddedAgreesWithMoto() {
        return scenarios().entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
                    int run = RUN.incrementAndGet();
                    Map<String, Object> reference = entry.getValue().apply(new Target(motoClient, "d" + run + "-"));
                    Map<String, Object> ours = entry.getValue().apply(new Target(embeddedClient, "d" + run + "-"));
                    Map<String, String> known = KNOWN.getOrDefault(entry.getKey(), Map.of());
                    Map<String, String> differences = new TreeMap<>();
                    Set<String> keys = new TreeSet<>(reference.keySet());
                    keys.addAll(ours.keySet());
                    for (String key : keys) {
                        Object expected = String.valueOf(reference.get(key));
                        Object actual = String.valueOf(ours.get(key));
                        if (!expected.equals(actual) && !known.containsKey(key)) {
                            differences.put(key, "moto=" + expected + " embedded=" + actual);
                        }
                    }
                    System.out.printf("%s%n  moto:     %s%n  embedded: %s%n", entry.getKey(), reference, ours);
                    assertThat(differences)
                            .as("outcomes that differ from moto in '" + entry.getKey() + "'")
                            .isEmpty();
                }));
    }
}
