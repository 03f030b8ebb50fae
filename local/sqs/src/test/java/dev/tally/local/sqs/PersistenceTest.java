package dev.tally.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The log in a data directory: what a restart brings back, compaction, a torn tail, the directory lock. */
class PersistenceTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock();
    private String firstId;

    private void withSqs(long compactAfterBytes, Consumer<SqsClient> work) {
        try (EmbeddedSqsServer server = EmbeddedSqsServer.builder()
                        .clock(clock)
                        .dataDirectory(directory)
                        .compactAfterBytes(compactAfterBytes)
                        .start();
                SqsClient sqs = SqsClients.against(server.endpoint())) {
            work.accept(sqs);
        }
    }

    private void withSqs(Consumer<SqsClient> work) {
        withSqs(64L * 1024 * 1024, work);
    }

    private static String url(SqsClient sqs, String name) {
        return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
    }

    private static List<Message> receive(SqsClient sqs, String url) {
        return sqs.receiveMessage(r -> r.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    @Test
    void aRestart_bringsBackQueuesAndMessages_inFlightOnesVisibleWithTheirReceiveCounts() {
        withSqs(sqs -> {
            String url = sqs.createQueue(r -> r.queueName("kept.fifo")
                            .attributes(Map.of(
                                    QueueAttributeName.FIFO_QUEUE, "true",
                                    QueueAttributeName.VISIBILITY_TIMEOUT, "300")))
                    .queueUrl();
            for (String body : List.of("a1", "a2", "a3")) {
                sqs.sendMessage(r -> r.queueUrl(url)
                        .messageGroupId("a")
                        .messageDeduplicationId(body)
                        .messageBody(body)
                        .messageAttributes(Map.of(
                                "k",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue(body)
                                        .build())));
            }
            List<Message> first = receive(sqs, url);
            assertThat(first).extracting(Message::body).containsExactly("a1", "a2", "a3");
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.get(0).receiptHandle()));
            firstId = first.get(0).messageId();
            sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "0")));
        });

        String[] sequence = new String[1];
        withSqs(sqs -> {
            String url = url(sqs, "kept.fifo");
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                            .attributes())
                    .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "300")
                    .containsEntry(QueueAttributeName.FIFO_QUEUE, "true");
            // in flight before the stop, visible after it, each counted once already
            List<Message> again = receive(sqs, url);
            assertThat(again).extracting(Message::body).containsExactly("a2", "a3");
            assertThat(again)
                    .extracting(m -> m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .containsExactly("2", "2");
            assertThat(again.get(0).messageAttributes().get("k").stringValue()).isEqualTo("a2");
            sequence[0] = again.get(1).attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER);
            // a duplicate of a deleted message is still inside its window: the original id comes back
            var duplicate = sqs.sendMessage(r -> r.queueUrl(url)
                    .messageGroupId("a")
                    .messageDeduplicationId("a1")
                    .messageBody("a1"));
            assertThat(duplicate.messageId()).isEqualTo(firstId);
            var fresh = sqs.sendMessage(r -> r.queueUrl(url)
                    .messageGroupId("b")
                    .messageDeduplicationId("b1")
                    .messageBody("b1"));
            assertThat(Long.parseLong(fresh.sequenceNumber())).isGreaterThan(Long.parseLong(sequence[0]));
        });
    }

    @Test
    void theLogIsCompacted_andStillRestoresEverythingLive() throws IOException {
        withSqs(4096, sqs -> {
            String url = sqs.createQueue(r -> r.queueName("busy")).queueUrl();
            for (int i = 0; i < 400; i++) {
                String body = "m-" + i;
                sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
                if (i % 4 != 0) {
                    for (Message message : receive(sqs, url)) {
                        if (!message.body().endsWith("keep")) {
                            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                        }
                    }
                }
            }
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("last-keep"));
        });
        long size = Files.size(directory.resolve("sqs.log"));
        assertThat(size).as("the log after compaction").isLessThan(2 * 4096L);

        withSqs(sqs -> {
            String url = url(sqs, "busy");
            assertThat(receive(sqs, url)).extracting(Message::body).containsExactly("last-keep");
        });
    }

    @Test
    void aTornTailIsCutOff_andEverythingBeforeItIsKept() throws IOException {
        withSqs(sqs -> {
            String url = sqs.createQueue(r -> r.queueName("torn")).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("whole"));
        });
        Files.write(directory.resolve("sqs.log"), new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
        withSqs(sqs -> {
            String url = url(sqs, "torn");
            assertThat(receive(sqs, url)).extracting(Message::body).containsExactly("whole");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("after"));
        });
        withSqs(sqs -> assertThat(receive(sqs, url(sqs, "torn")))
                .extracting(Message::body)
                .containsExactly("whole", "after"));
    }

    @Test
    void aSecondServerOnTheSameDirectoryIsRefused_anotherDirectoryIsFine(@TempDir Path other) {
        withSqs(sqs -> {
            assertThatThrownBy(() ->
                            EmbeddedSqsServer.builder().dataDirectory(directory).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another embedded SQS");
            try (EmbeddedSqsServer second =
                    EmbeddedSqsServer.builder().dataDirectory(other).start()) {
                assertThat(second.port()).isPositive();
            }
        });
    }
}
