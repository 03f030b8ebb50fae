package dev.tally.local.runtime.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.local.runtime.lambda.LocalLambda;
import dev.tally.local.runtime.stack.LocalClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The open question of issue 14, asked again of Tally's own SQS (ADR 0173; first of ElasticMQ and
 * H2, ADR 0151): is a SendMessage acknowledged before the message is in the store? A process
 * sends without pause and is killed with SIGKILL the moment it has printed its 300th
 * acknowledgement (more acks may follow before the kill lands); the store, reopened here, must
 * hold every message whose send returned. It does: the send is answered only after its record was
 * handed to the kernel with {@code write()} (in the page cache, not forced: safe across a process
 * crash, not across an OS crash).
 */
class AcknowledgedSendCrashIT {

    @TempDir
    Path directory;

    private Process sender;

    @AfterEach
    void kill() {
        if (sender != null) {
            sender.destroyForcibly();
        }
    }

    @Test
    void everyAcknowledgedSend_survivesASigkillRightAfterIt() throws Exception {
        Path store = directory.resolve("sqs");
        sender = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SendThenDie.class.getName(),
                        store.toString())
                .redirectErrorStream(true)
                .start();
        AtomicLong highestAcked = new AtomicLong(-1);
        CountDownLatch enough = new CountDownLatch(300);
        StringBuilder other = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("acked ")) {
                        highestAcked.set(Long.parseLong(line.substring(6)));
                        enough.countDown();
                        if (enough.getCount() == 0) {
                            sender.destroyForcibly();
                        }
                    } else if (other.length() < 4000) {
                        other.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                // the process is gone
            }
        });
        reader.start();
        assertThat(enough.await(5, TimeUnit.MINUTES))
                .as("300 acknowledged sends; output: " + other)
                .isTrue();
        assertThat(sender.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join();
        long acked = highestAcked.get();

        Set<String> stored = new HashSet<>();
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0, "eu-west-1", LocalLambda.ACCOUNT_ID, store);
                LocalClients clients = new LocalClients("eu-west-1", sqs.endpoint(), null)) {
            SqsClient client = clients.sqs();
            String url = client.getQueueUrl(r -> r.queueName("crash.fifo")).queueUrl();
            int empty = 0;
            while (empty < 3) {
                var messages = client.receiveMessage(
                                r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                empty = messages.isEmpty() ? empty + 1 : 0;
                for (Message message : messages) {
                    stored.add(message.body());
                    client.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            }
        }
        Set<String> lost = new HashSet<>();
        for (long i = 0; i <= acked; i++) {
            if (!stored.contains("m-" + i)) {
                lost.add("m-" + i);
            }
        }
        System.out.printf(
                "acknowledged send then SIGKILL: %d acknowledged, %d stored after restart, %d lost%n",
                acked + 1, stored.size(), lost.size());
        assertThat(lost).as("acknowledged sends missing after the SIGKILL").isEmpty();
    }
}
