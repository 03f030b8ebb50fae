package dev.tally.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The queue semantics Tally relies on, through the AWS SDK (which checks every MD5 it is given)
 * against the embedded endpoint with a clock the test moves.
 */
class QueueSemanticsTest {

    private final MutableClock clock = new MutableClock();
    private EmbeddedSqsServer server;
    private SqsClient sqs;

    @BeforeEach
    void start() {
        server = EmbeddedSqsServer.builder()
                .clock(clock)
                .region("eu-west-1")
                .accountId("123456789012")
                .start();
        sqs = SqsClients.against(server.endpoint());
    }

    @AfterEach
    void stop() {
        sqs.close();
        server.close();
    }

    private String fifo(String name, Map<QueueAttributeName, String> extra) {
        var attributes = new java.util.HashMap<>(extra);
        attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private void send(String url, String group, String body) {
        sqs.sendMessage(r -> r.queueUrl(url)
                .messageGroupId(group)
                .messageDeduplicationId(body)
                .messageBody(body));
    }

    private List<Message> receive(String url, int max) {
        return sqs.receiveMessage(r -> r.queueUrl(url)
                        .maxNumberOfMessages(max)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).toList();
    }

    @Test
    void fifo_keepsOrderPerGroup_andBlocksAGroupWhileAnyOfItsMessagesIsInFlight() {
        String url = fifo("orders.fifo", Map.of());
        send(url, "a", "a1");
        send(url, "b", "b1");
        send(url, "a", "a2");
        send(url, "b", "b2");

        List<Message> first = receive(url, 1);
        assertThat(bodies(first)).containsExactly("a1");
        // group a is blocked while a1 is in flight: only b's head comes next
        List<Message> second = receive(url, 10);
        assertThat(bodies(second)).containsExactly("b1", "b2");
        assertThat(receive(url, 10)).isEmpty();

        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.get(0).receiptHandle()));
        assertThat(bodies(receive(url, 10))).containsExactly("a2");

        Map<MessageSystemAttributeName, String> attributes = first.get(0).attributes();
        assertThat(attributes.get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("a");
        assertThat(attributes.get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .isEqualTo("a1");
        assertThat(attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .isEqualTo("1");
        assertThat(attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP)).isEqualTo(Long.toString(clock.millis()));
        assertThat(attributes.get(MessageSystemAttributeName.SEQUENCE_NUMBER)).hasSize(20);
        assertThat(Long.parseLong(second.get(1).attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER)))
                .isGreaterThan(
                        Long.parseLong(second.get(0).attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER)));
    }

    @Test
    void fifo_aMessageMadeVisibleWaitsWhileALaterOneOfItsGroupIsStillInFlight() {
        String url = fifo("later.fifo", Map.of());
        send(url, "a", "a1");
        send(url, "a", "a2");
        List<Message> both = receive(url, 10);
        assertThat(bodies(both)).containsExactly("a1", "a2");
        sqs.changeMessageVisibility(
                r -> r.queueUrl(url).receiptHandle(both.get(0).receiptHandle()).visibilityTimeout(0));
        assertThat(receive(url, 10)).isEmpty();
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(both.get(1).receiptHandle()));
        assertThat(bodies(receive(url, 10))).containsExactly("a1");
    }

    @Test
    void deduplication_returnsTheFirstMessageIdInsideFiveMinutes_andAcceptsAgainAfter() {
        String url = fifo("dedup.fifo", Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        var first = sqs.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("same"));
        clock.advance(Duration.ofMinutes(4));
        var duplicate = sqs.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("same"));
        assertThat(duplicate.messageId()).isEqualTo(first.messageId());
        assertThat(duplicate.sequenceNumber()).isEqualTo(first.sequenceNumber());

        clock.advance(Duration.ofMinutes(1));
        var later = sqs.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("same"));
        assertThat(later.messageId()).isNotEqualTo(first.messageId());
        assertThat(bodies(receive(url, 10))).containsExactly("same", "same");
    }

    @Test
    void visibility_hidesAReceivedMessageUntilItsTimeoutEnds_andAnOldReceiptHandleNoLongerDeletes() {
        String url = sqs.createQueue(r -> r.queueName("plain")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("m"));
        Message first = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(30))
                .messages()
                .get(0);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();

        clock.advance(Duration.ofSeconds(31));
        Message again = receive(url, 1).get(0);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(again.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .isEqualTo("2");

        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.receiptHandle()));
        sqs.changeMessageVisibility(
                r -> r.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(0));
        Message third = receive(url, 1).get(0);
        assertThat(third.messageId()).isEqualTo(first.messageId());
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(third.receiptHandle()));
        clock.advance(Duration.ofMinutes(1));
        assertThat(receive(url, 10)).isEmpty();
        assertThatThrownBy(() -> sqs.changeMessageVisibility(r ->
                        r.queueUrl(url).receiptHandle(third.receiptHandle()).visibilityTimeout(5)))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void redrive_movesAMessageToTheDeadLetterQueueAfterMaxReceiveCount_andAMoveTaskBringsItBack() throws Exception {
        String dlq = fifo("dlq.fifo", Map.of());
        String policy = "{\"deadLetterTargetArn\":\"" + arn(dlq) + "\",\"maxReceiveCount\":\"2\"}";
        String url = fifo(
                "work.fifo",
                Map.of(QueueAttributeName.REDRIVE_POLICY, policy, QueueAttributeName.VISIBILITY_TIMEOUT, "10"));
        send(url, "g", "poison");
        send(url, "g", "next");

        for (int i = 1; i <= 2; i++) {
            List<Message> got = receive(url, 1);
            assertThat(bodies(got)).containsExactly("poison");
            clock.advance(Duration.ofSeconds(11));
        }
        // the third receive finds poison over its count: it goes to the DLQ and the group moves on
        assertThat(bodies(receive(url, 1))).containsExactly("next");
        List<Message> dead = receive(dlq, 10);
        assertThat(bodies(dead)).containsExactly("poison");
        assertThat(dead.get(0).attributes().get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN))
                .isEqualTo(arn(url));
        assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls())
                .containsExactly(url);

        sqs.changeMessageVisibility(
                r -> r.queueUrl(dlq).receiptHandle(dead.get(0).receiptHandle()).visibilityTimeout(0));
        String handle = sqs.startMessageMoveTask(r -> r.sourceArn(arn(dlq))).taskHandle();
        assertThat(handle).isNotBlank();
        ListMessageMoveTasksResultEntry task = null;
        for (int i = 0; i < 500; i++) {
            task = sqs.listMessageMoveTasks(r -> r.sourceArn(arn(dlq)))
                    .results()
                    .get(0);
            if (!task.status().equals("RUNNING")) {
                break;
            }
            Thread.sleep(10);
        }
        assertThat(task.status()).isEqualTo("COMPLETED");
        assertThat(task.approximateNumberOfMessagesMoved()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(11));
        assertThat(bodies(receive(url, 10))).containsExactly("next", "poison");
    }

    @Test
    void longPoll_returnsAMessageSentWhileItWaits() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("waiting")).queueUrl();
        CompletableFuture<List<Message>> waiting = CompletableFuture.supplyAsync(() ->
                sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages());
        // a send from another client while the first waits (if it came first, the poll returns it at once)
        try (SqsClient other = SqsClients.against(server.endpoint())) {
            other.sendMessage(r -> r.queueUrl(url).messageBody("wake"));
        }
        assertThat(bodies(waiting.get())).containsExactly("wake");
    }

    @Test
    void messageAttributes_ofEveryType_comeBackWithTheDigestTheSdkChecks() {
        String url = sqs.createQueue(r -> r.queueName("attributes")).queueUrl();
        Map<String, MessageAttributeValue> attributes = Map.of(
                "text",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("héllo ☃")
                                .build(),
                "count",
                        MessageAttributeValue.builder()
                                .dataType("Number")
                                .stringValue("42")
                                .build(),
                "blob",
                        MessageAttributeValue.builder()
                                .dataType("Binary.custom")
                                .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255}))
                                .build(),
                "traceparent",
                        MessageAttributeValue.builder()
                                .dataType("String.w3c")
                                .stringValue("00-ab")
                                .build());
        var sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("𝄞 body").messageAttributes(attributes));
        assertThat(sent.md5OfMessageAttributes()).isNotBlank();

        Message received = receive(url, 1).get(0);
        assertThat(received.messageAttributes()).isEqualTo(attributes);
        assertThat(received.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
        assertThat(received.body()).isEqualTo("𝄞 body");

        sqs.changeMessageVisibility(
                r -> r.queueUrl(url).receiptHandle(received.receiptHandle()).visibilityTimeout(0));
        Message onlyText = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("text", "trace.*"))
                .messages()
                .get(0);
        assertThat(onlyText.messageAttributes()).containsOnlyKeys("text");
    }

    @Test
    void badInput_isRefusedAsSqsRefusesIt() {
        String url = fifo("strict.fifo", Map.of());
        String plain = sqs.createQueue(r ->
                        r.queueName("strict").attributes(Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "262144")))
                .queueUrl();
        String roomy = sqs.createQueue(r -> r.queueName("roomy")).queueUrl();
        assertThatThrownBy(() -> sqs.sendMessage(
                        r -> r.queueUrl(url).messageDeduplicationId("d").messageBody("x")))
                .isInstanceOfSatisfying(
                        SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingParameter"));
        assertThatThrownBy(() ->
                        sqs.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("x")))
                .isInstanceOfSatisfying(
                        SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(plain).messageBody("bad \u0001")))
                .isInstanceOfSatisfying(
                        SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidMessageContents"));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(plain).messageBody("x".repeat(262_145))))
                .isInstanceOfSatisfying(
                        SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        // SQS's default and largest MaximumMessageSize is 1 MiB (since August 2025)
        sqs.sendMessage(r -> r.queueUrl(roomy).messageBody("x".repeat(262_145)));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(roomy).messageBody("x".repeat(1_048_577))))
                .isInstanceOfSatisfying(
                        SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("missing")))
                .isInstanceOfSatisfying(
                        QueueDoesNotExistException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode())
                                .isEqualTo("AWS.SimpleQueueService.NonExistentQueue"));
        assertThatThrownBy(() -> sqs.deleteMessage(r -> r.queueUrl(plain).receiptHandle("not a handle")))
                .isInstanceOfSatisfying(
                        SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReceiptHandleIsInvalid"));
        assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName("strict.fifo")))
                .isInstanceOf(SqsException.class);

        var batch = sqs.sendMessageBatch(r -> r.queueUrl(url)
                .entries(
                        SendMessageBatchRequestEntry.builder()
                                .id("good")
                                .messageBody("ok")
                                .messageGroupId("g")
                                .messageDeduplicationId("1")
                                .build(),
                        SendMessageBatchRequestEntry.builder()
                                .id("bad")
                                .messageBody("bad \u0001")
                                .messageGroupId("g")
                                .messageDeduplicationId("2")
                                .build()));
        assertThat(batch.successful()).extracting(e -> e.id()).containsExactly("good");
        assertThat(batch.failed())
                .extracting(e -> e.id() + ":" + e.code() + ":" + e.senderFault())
                .containsExactly("bad:InvalidMessageContents:true");
    }

    @Test
    void queueAttributes_reportCountsAndSettings() {
        String url = sqs.createQueue(
                        r -> r.queueName("counted").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45")))
                .queueUrl();
        assertThat(sqs.createQueue(r ->
                                r.queueName("counted").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45")))
                        .queueUrl())
                .isEqualTo(url);
        assertThatThrownBy(() -> sqs.createQueue(
                        r -> r.queueName("counted").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "46"))))
                .isInstanceOf(SqsException.class);
        List<String> bodies = new ArrayList<>(List.of("1", "2", "3"));
        bodies.forEach(body -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(body)));
        receive(url, 1);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                        r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes();
        assertThat(attributes)
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "2")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45")
                .containsEntry(QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:eu-west-1:123456789012:counted")
                .doesNotContainKey(QueueAttributeName.FIFO_QUEUE);
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "5")));
        sqs.purgeQueue(r -> r.queueUrl(url));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                        .attributes())
                .containsEntry(QueueAttributeName.DELAY_SECONDS, "5")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
        assertThat(sqs.listQueues(r -> r.queueNamePrefix("cou")).queueUrls()).containsExactly(url);
    }
}
