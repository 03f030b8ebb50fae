package dev.tally.local.dynamodb;

import static dev.tally.local.dynamodb.LocalClients.item;
import static dev.tally.local.dynamodb.LocalClients.n;
import static dev.tally.local.dynamodb.LocalClients.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Kills the standalone server process mid-write and restarts it on the same data directory. */
class DurabilityIT {

    @TempDir
    Path dataDirectory;

    @Test
    void killedMidWrite_restartKeepsEveryAcknowledgedWrite() throws Exception {
        Process server = start();
        URI endpoint = readyEndpoint(server);
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        try (DynamoDbClient client = LocalClients.dynamoDb(endpoint)) {
            LocalClients.createTable(client, "durable", ScalarAttributeType.N, StreamViewType.NEW_IMAGE);
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] writers = new Thread[4];
            for (int w = 0; w < writers.length; w++) {
                int writer = w;
                writers[w] = new Thread(() -> {
                    for (int i = writer; !stop.get(); i += writers.length) {
                        int value = i;
                        try {
                            client.putItem(r ->
                                    r.tableName("durable").item(item("pk", s("p"), "sk", n(Integer.toString(value)))));
                            acknowledged.add(value);
                        } catch (SdkException e) {
                            return;
                        }
                    }
                });
                writers[w].start();
            }
            while (acknowledged.size() < 300) {
                Thread.onSpinWait();
            }
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }

        Process restarted = start();
        URI restartedEndpoint = readyEndpoint(restarted);
        try (DynamoDbClient client = LocalClients.dynamoDb(restartedEndpoint);
                DynamoDbStreamsClient streams = LocalClients.streams(restartedEndpoint)) {
            Set<Integer> stored = ConcurrentHashMap.newKeySet();
            client.scanPaginator(r -> r.tableName("durable"))
                    .items()
                    .forEach(i -> stored.add(Integer.parseInt(i.get("sk").n())));
            assertThat(stored).containsAll(acknowledged);
            String arn =
                    client.describeTable(r -> r.tableName("durable")).table().latestStreamArn();
            assertThat(streams.describeStream(r -> r.streamArn(arn))
                            .streamDescription()
                            .streamStatusAsString())
                    .isEqualTo("ENABLED");
            client.putItem(r -> r.tableName("durable").item(item("pk", s("after"), "sk", n("1"))));
        } finally {
            restarted.destroy();
            restarted.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
                        java,
                        "-jar",
                        standaloneJar().toString(),
                        "--port",
                        "0",
                        "--data-dir",
                        dataDirectory.toString()))
                .redirectErrorStream(true)
                .start();
    }

    private URI readyEndpoint(Process process) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("Tally local DynamoDB ready at ")) {
                URI endpoint = URI.create(line.substring("Tally local DynamoDB ready at ".length())
                        .trim());
                Thread drain = new Thread(() -> {
                    try {
                        while (reader.readLine() != null) {
                            // keep the pipe from filling up
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return endpoint;
            }
        }
        throw new IllegalStateException("the standalone server ended without a ready line");
    }

    private static Path standaloneJar() throws IOException {
        try (DirectoryStream<Path> jars =
                Files.newDirectoryStream(Path.of("target"), "tally-local-dynamodb-*-standalone.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("run the package phase first: no standalone jar in target/");
    }
}
