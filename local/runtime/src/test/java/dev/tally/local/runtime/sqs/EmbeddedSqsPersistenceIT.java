package dev.tally.local.runtime.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.local.runtime.lambda.LocalLambda;
import dev.tally.local.runtime.stack.LocalClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Queues and messages of the embedded SQS kept in a directory across a stop and a start (ADR 0054, 0173). */
class EmbeddedSqsPersistenceIT {

    private static final String REGION = "eu-west-1";

    @TempDir
    Path directory;

    private static void withSqs(Path store, Consumer<SqsClient> work) {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0, REGION, LocalLambda.ACCOUNT_ID, store);
                LocalClients clients = new LocalClients(REGION, sqs.endpoint(), null)) {
            work.accept(clients.sqs());
        }
    }

    private static String createQueues(SqsClient sqs) {
        String dlqUrl = sqs.createQueue(
                        r -> r.queueName("commands-dlq.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
        attributes.put(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}");
        return sqs.createQueue(r -> r.queueName("commands.fifo").attributes(attributes))
                .queueUrl();
    }

    private static void send(SqsClient sqs, String url, String group, String body) {
        sqs.sendMessage(r -> r.queueUrl(url)
                .messageGroupId(group)
                .messageDeduplicationId(body)
                .messageBody(body));
    }

    /** Receives and deletes until {@code expected} messages came, grouping bodies by message group. */
    private static Map<String, List<String>> drain(SqsClient sqs, String url, int expected) {
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        int received = 0;
        for (int attempt = 0; attempt < 20 && received < expected; attempt++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .messages();
            for (Message message : messages) {
                String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(message.body());
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                received++;
            }
        }
        return byGroup;
    }

    @Test
    void queuesAndUnprocessedMessagesSurviveARestartOnTheSameDirectory() {
        Path store = directory.resolve("sqs");
        List<String> processedBeforeStop = new ArrayList<>();
        withSqs(store, sqs -> {
            String url = createQueues(sqs);
            for (String body : List.of("a1", "a2", "a3")) {
                send(sqs, url, "account-a", body);
            }
            send(sqs, url, "account-b", "b1");
            send(sqs, url, "account-b", "b2");
            // a processed command: received and deleted before the stop, so it must not come back
            Message first = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1))
                    .messages()
                    .get(0);
            processedBeforeStop.add(first.body());
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.receiptHandle()));
        });
        assertThat(processedBeforeStop).containsAnyOf("a1", "b1");

        withSqs(store, sqs -> {
            String url = sqs.getQueueUrl(r -> r.queueName("commands.fifo")).queueUrl();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                            r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                    .attributes();
            assertThat(attributes.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains("commands-dlq.fifo");
            assertThat(sqs.getQueueUrl(r -> r.queueName("commands-dlq.fifo")).queueUrl())
                    .isNotBlank();

            Map<String, List<String>> byGroup = drain(sqs, url, 4);
            if (processedBeforeStop.contains("a1")) {
                assertThat(byGroup.get("account-a")).containsExactly("a2", "a3");
                assertThat(byGroup.get("account-b")).containsExactly("b1", "b2");
            } else {
                assertThat(byGroup.get("account-a")).containsExactly("a1", "a2", "a3");
                assertThat(byGroup.get("account-b")).containsExactly("b2");
            }
        });

        withSqs(store, sqs -> {
            String url = sqs.getQueueUrl(r -> r.queueName("commands.fifo")).queueUrl();
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1))
                            .messages())
                    .as("messages deleted after the restart stay deleted")
                    .isEmpty();
        });
    }

    @Test
    void aNewDirectoryStartsWithNoQueues() {
        Path store = directory.resolve("sqs");
        withSqs(store, sqs -> send(sqs, createQueues(sqs), "g", "kept"));
        withSqs(store, sqs -> assertThat(sqs.listQueues().queueUrls()).hasSize(2));

        withSqs(
                directory.resolve("other"),
                sqs -> assertThat(sqs.listQueues().queueUrls()).isEmpty());
    }

    @Test
    void aSecondEndpointOnTheSameDirectoryIsRefused_anotherDirectoryWorksAlongside() {
        withSqs(directory.resolve("first"), sqs -> {
            assertThatThrownBy(() -> EmbeddedSqs.start(0, REGION, LocalLambda.ACCOUNT_ID, directory.resolve("first")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another embedded SQS");
            // unlike ElasticMQ's JVM-wide H2 pool, a second store in its own directory opens alongside
            withSqs(
                    directory.resolve("second"),
                    other -> assertThat(other.listQueues().queueUrls()).isEmpty());
        });
        // once the first is closed, its directory opens again
        withSqs(
                directory.resolve("first"),
                sqs -> assertThat(sqs.listQueues().queueUrls()).isEmpty());
    }
}
