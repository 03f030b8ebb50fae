package dev.tally.bench.dynamodb;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Startup time: from asking for a server to its first answered request ({@code ListTables}). The client is built
 * and warmed before the clock starts, so only the server's start is measured.
 */
final class StartupProbe {

    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private StartupProbe() {}

    /** Median over {@code runs} starts, after {@code warmUps} unmeasured ones, in milliseconds. */
    static double medianMillis(IntFunction<BenchTarget> starter, int warmUps, int runs) {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < warmUps + runs; i++) {
            int port = freePort();
            try (DynamoDbClient client = Clients.forEndpoint(java.net.URI.create("http://127.0.0.1:" + port))) {
                warmClientClasses(client);
                long started = System.nanoTime();
                try (BenchTarget target = starter.apply(port)) {
                    awaitFirstAnswer(client, started, target.name());
                    double millis = (System.nanoTime() - started) / 1e6;
                    if (i >= warmUps) {
                        samples.add(millis);
                    }
                }
            }
        }
        samples.sort(null);
        return samples.get(samples.size() / 2);
    }

    private static void warmClientClasses(DynamoDbClient client) {
        try {
            client.listTables(b -> b.limit(1));
        } catch (SdkClientException nothingListensYet) {
            // expected: this only loads and initialises the SDK's request path before the clock starts
        }
    }

    private static void awaitFirstAnswer(DynamoDbClient client, long started, String server) {
        while (true) {
            try {
                client.listTables(b -> b.limit(1));
                return;
            } catch (SdkClientException notYet) {
                if (System.nanoTime() - started > GIVE_UP.toNanos()) {
                    throw new IllegalStateException(
                            server + " gave no answer within " + GIVE_UP.toSeconds() + " s", notYet);
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", interrupted);
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new IllegalStateException("no free port", failure);
        }
    }
}
