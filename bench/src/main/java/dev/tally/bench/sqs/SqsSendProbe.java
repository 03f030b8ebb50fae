package dev.tally.bench.sqs;

import dev.tally.local.runtime.sqs.EmbeddedSqs;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Serial SendMessage latency against the local runtime's embedded SQS, persistent as
 * {@code tally local} runs it (ADR 0173): starts {@code EmbeddedSqs} with a fresh data directory in
 * this JVM, creates a FIFO queue, sends {@code warmup} messages, then times {@code count} more one
 * after another from one SDK client (URL-connection HTTP client, as the functions use) and prints
 * p50/p90/p99/max in ms and this process's CPU ms per send (server and client together).
 *
 * <p>Uses only {@code EmbeddedSqs.start(port, region, account, directory)} and {@code endpoint()},
 * which the ElasticMQ-based runtime had too, so the same file runs against either build:
 * {@code java -cp "<runtime classpath>" bench/src/main/java/dev/tally/bench/sqs/SqsSendProbe.java 1000 200}.
 */
public final class SqsSendProbe {

    private SqsSendProbe() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path directory = Files.createTempDirectory("sqs-send-probe");
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0, "us-east-1", "000000000000", directory.resolve("sqs"));
                SqsClient client = SqsClient.builder()
                        .endpointOverride(URI.create(sqs.endpoint().toString()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("probe", "probe")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            String url = client.createQueue(
                            r -> r.queueName("probe.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            String body = "{\"commandId\":\"" + "x".repeat(36) + "\",\"type\":\"CreateDebt\",\"amount\":1000}";
            for (int i = 0; i < warmup; i++) {
                send(client, url, body, "w" + i);
            }
            var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = bean.getProcessCpuTime();
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                send(client, url, body, "m" + i);
                nanos[i] = System.nanoTime() - start;
            }
            long cpu = bean.getProcessCpuTime() - cpuBefore;
            Arrays.sort(nanos);
            System.out.printf(
                    "serial SendMessage x%d (after %d warm-up): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
                            + " process CPU %.2f ms per send%n",
                    count,
                    warmup,
                    nanos[count / 2] / 1e6,
                    nanos[count * 9 / 10] / 1e6,
                    nanos[count * 99 / 100] / 1e6,
                    nanos[count - 1] / 1e6,
                    cpu / 1e6 / count);
        }
    }

    private static void send(SqsClient client, String url, String body, String id) {
        client.sendMessage(r -> r.queueUrl(url)
                .messageGroupId("g" + (id.hashCode() & 15))
                .messageDeduplicationId(id)
                .messageBody(body));
    }
}
